package io.github.aeponboarding.aep;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * Lets only AEP's own request headers leave the bundle. The onboarding keeps ids, the request
 * and JMS/file metadata in exchange headers; none of that may reach AEP (or leak a reply-to
 * address or file path to a third party), so this is an allow-list, not a deny-list.
 */
public class AepHeaderFilterStrategy extends DefaultHeaderFilterStrategy {
    // no Authorization: the token is added inside HttpClient (AepHttpClient), never taken from a message;
    // the token generation header goes out to that interceptor, which removes it before sending
    static final Set<String> ALLOWED = Set.of(
            AepHttpClient.GENERATION_HEADER, "x-api-key", "x-gw-ims-org-id", "x-sandbox-name",
            "content-type", "accept", "if-match");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !ALLOWED.contains(headerName.toLowerCase(Locale.ROOT));
    }
}
