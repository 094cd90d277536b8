package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.request.OnboardingRequest;
import org.apache.camel.Exchange;

/** {@link StepMemory} of the resources that belong to one request, kept in the {@link OnboardingLedger}. */
public class RequestMemory implements StepMemory {
    private final OnboardingLedger ledger;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public RequestMemory(OnboardingLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void recall(Exchange ex) {
        Step step = StepMemory.step(ex);
        OnboardingRequest r = AepPayloads.request(ex);
        String id = ledger.recall(r.sandbox(), r.id(), step, definition(step, ex.getMessage().getBody(String.class)));
        if (id != null) {
            ex.getMessage().setHeader(step.header(), id);
        } else if (ledger.wasIntended(r.sandbox(), r.id(), step) || LookupPlan.of(ex).lookUpFirst(step)) {
            // a previous run started this write and never recorded its outcome, or AEP may hold the
            // resource without the store knowing: look it up by name before writing
            ex.setProperty(ExchangeContract.RECHECK, true);
        }
    }

    @Override
    public void intend(Exchange ex) {
        OnboardingRequest r = AepPayloads.request(ex);
        ledger.intend(r.sandbox(), r.id(), StepMemory.step(ex));
    }

    @Override
    public void record(Exchange ex) {
        Step step = StepMemory.step(ex);
        OnboardingRequest r = AepPayloads.request(ex);
        String id = StepMemory.normalise(ex.getMessage().getHeader(step.header(), String.class));
        ex.getMessage().setHeader(step.header(), id);
        if (!ex.getProperty(ExchangeContract.FOUND, false, Boolean.class)) {
            LookupPlan.of(ex).created(step);
        }
        ledger.record(r.sandbox(), r.id(), step, id, definition(step, ex.getMessage().getBody(String.class)));
    }

    /**
     * What a step's resource was made from, for the ledger's payload hash. The target connection names
     * the sandbox's shared dataset base connection, which is the sandbox's, not the request's: when it
     * is replaced (deleted in AEP and made again) the request's target connection is still its own.
     */
    static String definition(Step step, String payload) {
        if (step != Step.TARGET_CONNECTION || payload == null) {
            return payload;
        }
        try {
            com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(payload);
            json.remove("baseConnectionId");
            return json.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the target connection's payload is not JSON", e);
        }
    }
}
