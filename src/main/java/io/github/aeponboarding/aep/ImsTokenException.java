package io.github.aeponboarding.aep;

import java.net.URI;

/**
 * IMS gave no token. The message names the call and IMS's own error ({@code invalid_client} ...) and
 * never holds the form, so it can go into a result document or a log line.
 */
public class ImsTokenException extends RuntimeException {
    private final int status;
    private final String code;

    /** {@code status} 0: no answer (I/O error, timeout). */
    public ImsTokenException(URI tokenUri, int status, String code, String description, Throwable cause) {
        super("IMS token request POST " + tokenUri + " failed: "
                + (status == 0 ? "no answer" : "HTTP " + status) + " " + code
                + (description == null || description.isBlank() ? "" : " (" + description + ")"), cause);
        this.status = status;
        this.code = code;
    }

    /** HTTP status of IMS's answer; 0 when there was none. */
    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** IMS may be back on a later try: no answer or a 5xx. A refused credential (4xx) stays refused. */
    public boolean transientFailure() {
        return status == 0 || status >= 500;
    }
}
