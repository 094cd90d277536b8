package io.github.aeponboarding.onboarding;

import io.github.aeponboarding.aep.AepHttp;
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
        ex.setProperty(Onboarding.STEP, "find-flow");
        ex.setProperty(Onboarding.RESOURCE, Step.FLOW.routeName());
        ex.getMessage().setBody("{}");
    }

    /** Sets up the state transition for {@code direct:aep-call}; a request without a flow was never onboarded. */
    public void prepare(Exchange ex) {
        String flow = ex.getMessage().getHeader(Step.FLOW.header(), String.class);
        OnboardingRequest r = AepPayloads.request(ex);
        String op = ex.getProperty(Onboarding.ACTION, String.class).toUpperCase(Locale.ROOT);
        if (flow == null) {
            throw new OnboardingConflictException("NOT_ONBOARDED", "request '" + r.id() + "' has no flow to " + op.toLowerCase(Locale.ROOT)
                    + ": the store has no record of it and AEP no flow named '" + ResourceNames.of(Step.FLOW, r) + "'; onboard it first");
        }
        ex.setProperty(Onboarding.STEP, op.toLowerCase(Locale.ROOT) + "-flow");
        ex.setVariable(AepHttp.METHOD, "POST");
        ex.setVariable(AepHttp.PATH, "/data/foundation/flowservice/flows");
        ex.setVariable(AepHttp.PATH_SUFFIX, "/" + java.net.URLEncoder.encode(flow, java.nio.charset.StandardCharsets.UTF_8) + "/action");
        ex.setVariable(AepHttp.QUERY, "op=" + op);
        ex.getMessage().setBody(null);
    }
}
