package io.github.aeponboarding.aep;

/**
 * Where AEP and IMS are and who we are to them. Comes from configuration only (never from a
 * request), so a request cannot redirect calls or credentials elsewhere.
 */
public record AepSettings(String baseUrl, String imsUrl, String clientId, String clientSecret,
                          String orgId, String scopes, String defaultSandbox) {

    /** Never print the secret: records' generated toString would. */
    @Override
    public String toString() {
        return "AepSettings[baseUrl=" + baseUrl + ", imsUrl=" + imsUrl + ", clientId=" + clientId
                + ", orgId=" + orgId + ", scopes=" + scopes + ", defaultSandbox=" + defaultSandbox + "]";
    }
}
