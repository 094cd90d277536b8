package io.github.aeponboarding.onboarding;

import java.util.Map;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Collects the ids that parallel branches created into the headers of the one exchange that goes
 * on to {@code POST /flows}. Only {@code AepId*} headers are merged (the HTTP header filter keeps
 * them out of requests); a failed branch's exception is kept, so the failure document reports it.
 */
public class IdsToHeadersStrategy implements AggregationStrategy {
    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        if (oldExchange == null) {
            return newExchange;
        }
        for (Map.Entry<String, Object> h : newExchange.getMessage().getHeaders().entrySet()) {
            if (h.getKey().startsWith(Step.HEADER_PREFIX)) {
                oldExchange.getMessage().setHeader(h.getKey(), h.getValue());
            }
        }
        if (newExchange.getException() != null && oldExchange.getException() == null) {
            oldExchange.setException(newExchange.getException());
        }
        return oldExchange;
    }
}
