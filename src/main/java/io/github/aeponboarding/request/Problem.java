package io.github.aeponboarding.request;

/** One thing wrong with a request: the field path ({@code $.schedule.interval}) and why. */
public record Problem(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
