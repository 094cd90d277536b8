package io.github.aeponboarding.aep;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Puts the bearer token on AEP requests inside HttpClient, after Camel handed the request over, so
 * that the token is never on a Camel message (a tracer, Hawtio's Trace tab or a JMX
 * {@code requestBody} would show it). {@link AepHttp#prepare} only names the token's generation in
 * {@link #GENERATION_HEADER}; this interceptor swaps that header for {@code Authorization}. A request
 * without it gets no token, so the token goes only where the {@code aep-http} route sends.
 */
public class AepBearerToken implements HttpClientConfigurer {
    /** Not a secret: which token generation the call was prepared with (a 401 invalidates exactly that one). */
    public static final String GENERATION_HEADER = "x-aep-token-generation";

    private final ImsTokenCache tokens;

    public AepBearerToken(ImsTokenCache tokens) {
        this.tokens = tokens;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addRequestInterceptorLast((request, entity, context) -> {
            Header generation = request.getFirstHeader(GENERATION_HEADER);
            request.removeHeaders(GENERATION_HEADER);
            if (generation != null) {
                request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.bearer(Integer.parseInt(generation.getValue())));
            }
        });
    }
}
