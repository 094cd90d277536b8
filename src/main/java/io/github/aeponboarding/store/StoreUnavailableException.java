package io.github.aeponboarding.store;

/** The store cannot be reached: the request is answered FAILED with code STORE_UNAVAILABLE before anything is written to AEP. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
