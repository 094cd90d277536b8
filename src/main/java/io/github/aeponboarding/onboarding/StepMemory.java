package io.github.aeponboarding.onboarding;

import io.github.aeponboarding.ExchangeContract;
import org.apache.camel.Exchange;

/**
 * Where a step remembers the id it created, used by the {@code aep-step} route template:
 * {@link #recall} before calling AEP (a known id means no call), {@link #intend} just before a
 * write, {@link #record} after it.
 */
public interface StepMemory {
    void recall(Exchange exchange);

    void intend(Exchange exchange);

    void record(Exchange exchange);

    static Step step(Exchange exchange) {
        return Step.fromRouteName(exchange.getProperty(ExchangeContract.RESOURCE, String.class))
                .orElseThrow(() -> new IllegalStateException("not inside an AEP step"));
    }

    /** Ids as AEP returns them, normalised: Catalog answers {@code ["@/dataSets/<id>"]}. */
    static String normalise(String id) {
        return id != null && id.startsWith("@/dataSets/") ? id.substring("@/dataSets/".length()) : id;
    }
}
