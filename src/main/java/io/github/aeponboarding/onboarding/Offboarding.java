package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.request.OnboardingRequest;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The answer of {@code offboard}, after the rollback's DELETEs ({@code direct:aep-delete-created}) of what
 * the ledger says the request created: {@code OFFBOARDED} with what was deleted, what AEP cannot delete
 * (the mapping set: orphaned) and what the bundle keeps on purpose, and why; or {@code FAILED}
 * ({@code OFFBOARD_INCOMPLETE}) naming what AEP would not delete now, whose ids stay recorded so that
 * offboarding again finishes the job.
 */
public class Offboarding {
    /** Never deleted by offboard: the sandbox's, not the request's (the flowSpec is Adobe's). */
    private static final List<Step> SHARED = List.of(Step.FLOW_SPEC, Step.DATASET_BASE_CONNECTION);

    private final OnboardingRollback rollback;
    private final OnboardingResults results;
    private final OnboardingLedger ledger;
    private final ObjectMapper mapper = new ObjectMapper();

    public Offboarding(OnboardingRollback rollback, OnboardingResults results, OnboardingLedger ledger) {
        this.rollback = rollback;
        this.results = results;
        this.ledger = ledger;
    }

    public String result(Exchange ex) throws Exception {
        OnboardingRequest r = AepPayloads.request(ex);
        ObjectNode outcome = rollback.settle(ex, SHARED);
        boolean incomplete = !outcome.path("notDeleted").isEmpty();
        ObjectNode doc = results.base(ex, incomplete ? "FAILED" : "OFFBOARDED");
        doc.set("ids", mapper.valueToTree(ledger.ids(r.sandbox(), r.id())));   // what is still recorded
        doc.setAll(outcome);
        doc.set("kept", kept(r));
        if (incomplete) {
            doc.put("step", "offboard");
            doc.putNull("httpStatus");
            doc.put("code", "OFFBOARD_INCOMPLETE");
            List<String> left = new java.util.ArrayList<>();
            outcome.path("notDeleted").fieldNames().forEachRemaining(left::add);
            doc.put("message", "AEP did not delete " + String.join(", ", left) + " (see notDeleted); offboard again to finish");
        } else if (outcome.path("deleted").isEmpty()) {
            doc.put("message", Boolean.TRUE.equals(ex.getProperty(ExchangeContract.RECORDED, Boolean.class))
                    ? "nothing left to delete" : "no record of this request in the store: nothing it created is left to delete");
        }
        return mapper.writeValueAsString(doc);
    }

    /** What offboard never deletes, and why: what the request only referenced, and what the sandbox shares. */
    private ObjectNode kept(OnboardingRequest r) {
        ObjectNode kept = mapper.createObjectNode();
        String notCreated = "referenced by the request (%s), not created by it";
        if (r.adhocSchemaId() != null) {
            kept.put(Step.ADHOC_SCHEMA.key(), String.format(notCreated, "adhocSchemaId"));
        }
        if (r.target().schemaId() != null) {
            kept.put(Step.TARGET_SCHEMA.key(), String.format(notCreated, "target.schemaId"));
        }
        if (r.target().datasetId() != null) {
            kept.put(Step.DATASET.key(), String.format(notCreated, "target.datasetId"));
        }
        kept.put(Step.DATASET_BASE_CONNECTION.key(), "shared by every onboarding of the sandbox");
        return kept;
    }
}
