package io.github.aeponboarding.aep;

/** A request that cannot proceed for a reason that retrying will not change (e.g. its id was used for another definition). */
public class OnboardingConflictException extends RuntimeException {
    private final String code;

    public OnboardingConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
