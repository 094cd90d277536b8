package io.github.aeponboarding.aep;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;

/**
 * The HttpClient of the {@code aep-http} route's endpoint ({@code httpClientConfigurer: "#aepHttpClient"}),
 * set up for that endpoint alone so that a host's shared {@code http}/{@code https} components keep their
 * own settings:
 * <ul>
 *   <li>No automatic retries: Camel's error handler owns them ({@link AepRetryPolicy}). HttpClient would
 *       otherwise retry a 429/503 by itself and honour any Retry-After, possibly for hours (CAMEL-23345),
 *       unseen by the retry policy, the rate limit and the ledger.</li>
 *   <li>The bearer token goes on the request inside HttpClient, after Camel handed the request over, so
 *       that it is never on a Camel message (a tracer, Hawtio's Trace tab or a JMX {@code requestBody}
 *       would show it). {@link AepHttp#prepare} only names the token's generation in
 *       {@link #GENERATION_HEADER}; the interceptor swaps that header for {@code Authorization}. A request
 *       without it gets no token, so the token goes only where the {@code aep-http} route sends.</li>
 * </ul>
 */
public class AepHttpClient implements HttpClientConfigurer {
    /** Not a secret: which token generation the call was prepared with (a 401 invalidates exactly that one). */
    public static final String GENERATION_HEADER = "x-aep-token-generation";

    private final ImsTokenCache tokens;

    public AepHttpClient(ImsTokenCache tokens) {
        this.tokens = tokens;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        // camel-http calls this last, just before build(): nothing turns the retries back on
        builder.disableAutomaticRetries();
        builder.addRequestInterceptorLast((request, entity, context) -> {
            Header generation = request.getFirstHeader(GENERATION_HEADER);
            request.removeHeaders(GENERATION_HEADER);
            if (generation != null) {
                request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.bearer(Integer.parseInt(generation.getValue())));
            }
        });
    }
}
