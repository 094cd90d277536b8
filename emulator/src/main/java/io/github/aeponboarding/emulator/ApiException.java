package io.github.aeponboarding.emulator;

/** A refusal, carrying the response in the format of the service that refuses. */
final class ApiException extends RuntimeException {
    final transient ApiResponse response;

    ApiException(ApiResponse response, String message) {
        super(message, null, false, false);
        this.response = response;
    }
}
