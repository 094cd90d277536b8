package io.github.aeponboarding.onboarding;

import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.aep.OnboardingConflictException;
import io.github.aeponboarding.request.OnboardingRequest;
import java.util.Locale;
import org.apache.camel.Exchange;

/**
 * Disable and enable: {@code POST /flows/{id}/action?op=DISABLE|ENABLE} on the flow the request
 * created, its id from the ledger or, when the store has no record, found by the name onboard gives it.
 */
public class FlowState {
    /** The flow was not recorded: look it up by name ({@code direct:aep-lookup}; an empty payload, so nothing to fit). */
    public void prepareLookup(Exchange ex) {
        ex.setProperty(ExchangeContract.STEP, "find-flow");
        ex.setProperty(ExchangeContract.RESOURCE, Step.FLOW.routeName());
        ex.getMessage().setBody("{}");
    }

    /** Before {@code direct:aep-flow-state}'s POST, which carries no body: a request without a flow was never onboarded. */
    public void prepare(Exchange ex) {
        if (ex.getMessage().getHeader(Step.FLOW.header(), String.class) == null) {
            OnboardingRequest r = AepPayloads.request(ex);
            String action = ex.getProperty(ExchangeContract.ACTION, String.class);
            throw new OnboardingConflictException("NOT_ONBOARDED", "request '" + r.id() + "' has no flow to " + action
                    + ": the store has no record of it and AEP no flow named '" + ResourceNames.of(Step.FLOW, r) + "'; onboard it first");
        }
        ex.getMessage().setBody(null);
    }

    /** The operation of {@code POST /flows/{id}/action?op=}: DISABLE or ENABLE. */
    public String op(Exchange ex) {
        return ex.getProperty(ExchangeContract.ACTION, String.class).toUpperCase(Locale.ROOT);
    }
}
