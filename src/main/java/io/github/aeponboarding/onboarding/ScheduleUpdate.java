package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.request.OnboardingRequest;
import org.apache.camel.Exchange;

/**
 * A finished request re-submitted with only its {@code schedule} changed: Flow Service changes a
 * flow's {@code scheduleParams} in place, with a JSON Patch and the flow's current etag in
 * {@code If-Match} (optimistic locking: a flow changed by someone else in between is answered 412,
 * and reported, never overwritten).
 */
public class ScheduleUpdate {
    private final OnboardingLedger ledger;
    private final ObjectMapper mapper = new ObjectMapper();

    public ScheduleUpdate(OnboardingLedger ledger) {
        this.ledger = ledger;
    }

    /** After the GET of the flow: the PATCH of its schedule, with the etag the GET answered. */
    public void prepare(Exchange ex) throws Exception {
        JsonNode flow = mapper.readTree(ex.getVariable(ExchangeContract.RESPONSE, String.class)).path("items").path(0);
        String etag = flow.path("etag").asText(null);
        if (etag == null) {
            throw new IllegalStateException("Flow Service answered the flow without an etag");
        }
        ex.setVariable(ExchangeContract.METHOD, "PATCH");
        ex.getMessage().setHeader("If-Match", etag);
        ex.getMessage().setBody(mapper.writeValueAsString(patch(AepPayloads.request(ex))));
    }

    /** The JSON Patch that gives the flow the request's schedule (plan shows it too). */
    static ArrayNode patch(OnboardingRequest r) {
        ObjectMapper json = new ObjectMapper();
        ArrayNode patch = json.createArrayNode();
        patch.addObject().put("op", "replace").put("path", "/scheduleParams").set("value", json.valueToTree(r.schedule()));
        return patch;
    }

    /** The new schedule is AEP's: record the new definition, and the changes for the result. */
    public void accept(Exchange ex) {
        OnboardingRequest r = AepPayloads.request(ex);
        JsonNode json = mapper.valueToTree(r);
        ex.setProperty(ExchangeContract.CHANGES, ledger.changes(r.sandbox(), r.id(), json));
        ledger.accept(r.sandbox(), r.id(), json);
    }
}
