package io.github.aeponboarding.aep;

import io.github.aeponboarding.ExchangeContract;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

/**
 * Prepares the one HTTP call of the {@code aep-http} route: AEP's headers on every call
 * (the tutorials forget {@code Authorization} on some), the method, path suffix and query
 * taken from exchange variables, and a clean message afterwards. The bearer token itself is never
 * on the message: {@link AepHttpClient} adds it inside HttpClient, for the generation named here.
 */
public class AepHttp {

    private final ImsTokenCache tokens;
    private final AepSettings settings;

    public AepHttp(ImsTokenCache tokens, AepSettings settings) {
        this.tokens = tokens;
        this.settings = settings;
    }

    /** Starts a new call on an exchange that may have made others: no query, path suffix or Accept carries over. */
    public void newCall(Exchange exchange) {
        exchange.removeVariable(ExchangeContract.QUERY);
        exchange.removeVariable(ExchangeContract.PATH_SUFFIX);
        exchange.removeVariable(ExchangeContract.ACCEPT);
    }

    /** Nothing to add: the default {@code prepare} and {@code read} of the aep-call-step route template. */
    public void asIs(Exchange exchange) {
        // the call is what the template's parameters say, and its answer is the caller's to read
    }

    public void prepare(Exchange exchange) {
        Message m = exchange.getMessage();
        ImsTokenCache.Token token = tokens.token();
        exchange.setProperty(ExchangeContract.TOKEN_GENERATION, token.generation());
        String method = exchange.getVariable(ExchangeContract.METHOD, "GET", String.class);
        // camel-http reads the method as its enum: a String would go through Camel's (reflective) enum converter on every call
        m.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(method));
        // the path and its suffix (an id, already URL-encoded; /explore): camel-http appends them to the
        // base URL of the aep-http route's one endpoint
        String suffix = exchange.getVariable(ExchangeContract.PATH_SUFFIX, String.class);
        m.setHeader(Exchange.HTTP_PATH, exchange.getVariable(ExchangeContract.PATH, String.class) + (suffix == null ? "" : suffix));
        setOrRemove(m, Exchange.HTTP_QUERY, exchange.getVariable(ExchangeContract.QUERY, String.class));
        m.setHeader(AepHttpClient.GENERATION_HEADER, token.generation());
        m.setHeader("x-api-key", settings.clientId());
        m.setHeader("x-gw-ims-org-id", settings.orgId());
        m.setHeader("x-sandbox-name", sandbox(exchange));
        m.setHeader("Accept", exchange.getVariable(ExchangeContract.ACCEPT, "application/json", String.class));
        if ("GET".equals(method) || "DELETE".equals(method)) {
            m.setBody(null);
            m.removeHeader(Exchange.CONTENT_TYPE);
        } else {
            m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
    }

    /** Removes the per-call routing headers (token generation included), whatever the call's outcome. */
    public void cleanup(Exchange exchange) {
        Message m = exchange.getMessage();
        m.removeHeaders("x-*");
        m.removeHeader("Accept");
        m.removeHeader("If-Match");
        m.removeHeader(Exchange.HTTP_METHOD);
        m.removeHeader(Exchange.HTTP_PATH);
        m.removeHeader(Exchange.HTTP_URI);
        m.removeHeader(Exchange.HTTP_QUERY);
    }

    public String sandbox(Exchange exchange) {
        String sandbox = exchange.getProperty(ExchangeContract.SANDBOX, String.class);
        return sandbox != null ? sandbox : settings.defaultSandbox();
    }

    private static void setOrRemove(Message m, String header, String value) {
        if (value == null || value.isEmpty()) {
            m.removeHeader(header);
        } else {
            m.setHeader(header, value);
        }
    }
}
