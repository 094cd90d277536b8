package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.aep.AepError;
import io.github.aeponboarding.aep.OnboardingConflictException;
import io.github.aeponboarding.request.InvalidRequestException;
import io.github.aeponboarding.request.OnboardingRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;

/**
 * The optional rollback ({@code onboarding.rollback-on-failure}, off by default) of the
 * {@code direct:aep-rollback} route: on a permanent failure, delete what this request created, in
 * reverse dependency order (flow, target connection, source connection, dataset, target schema,
 * ad hoc schema, ad hoc class), each DELETE retried like any AEP call. Not deleted: what the sandbox
 * shares (dataset base connection, flowSpec), what the request only referenced (schemaId, datasetId,
 * adhocSchemaId) and the mapping set, which Data Prep cannot delete: it is reported as orphaned (it
 * maps to the deleted target schema, so a re-submission cannot reuse it and creates a new one).
 */
public class OnboardingRollback {
    private static final List<Step> ORDER = List.of(Step.FLOW, Step.TARGET_CONNECTION, Step.SOURCE_CONNECTION,
            Step.DATASET, Step.TARGET_SCHEMA, Step.ADHOC_SCHEMA, Step.ADHOC_CLASS);
    private static final String OUTCOME = "aepRollback";

    private final OnboardingLedger ledger;
    private final boolean enabled;
    private final ObjectMapper mapper = new ObjectMapper();

    public OnboardingRollback(OnboardingLedger ledger, boolean enabled) {
        this.ledger = ledger;
        this.enabled = enabled;
    }

    /** True for a failure after the ledger opened a new or resumed request (not a refusal before any write). */
    public boolean applies(Exchange ex) {
        Throwable failure = AepError.unwrap(ex.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        String start = ex.getProperty(ExchangeContract.START, String.class);
        OnboardingRequest r = AepPayloads.request(ex);
        return enabled && r != null && ("NEW".equals(start) || "RESUME".equals(start))
                && !(failure instanceof OnboardingConflictException) && !(failure instanceof InvalidRequestException)
                && !ledger.ids(r.sandbox(), r.id()).isEmpty();
    }

    /** The DELETEs, in order: one map (step, id) per resource this request created. */
    public List<Map<String, String>> plan(Exchange ex) {
        OnboardingRequest r = AepPayloads.request(ex);
        Map<String, String> ids = ledger.ids(r.sandbox(), r.id());
        List<Map<String, String>> plan = new ArrayList<>();
        for (Step step : ORDER) {
            String id = ids.get(step.key());
            if (id != null) {
                plan.add(Map.of("step", step.routeName(), "id", id));
            }
        }
        ex.setProperty(OUTCOME, new Outcome());
        return plan;
    }

    /** The DELETE of one planned resource (route aep-delete, which says DELETE): its step, path and id. */
    @SuppressWarnings("unchecked")
    public void prepare(Exchange ex) {
        Map<String, String> item = ex.getMessage().getBody(Map.class);
        Step step = Step.fromRouteName(item.get("step")).orElseThrow();
        ex.setProperty(ExchangeContract.STEP, "rollback-" + step.routeName());
        ex.setProperty(ExchangeContract.RESOURCE, step.routeName());
        ex.setVariable(ExchangeContract.PATH, step.path());
        ex.setVariable(ExchangeContract.PATH_SUFFIX, "/" + URLEncoder.encode(item.get("id"), StandardCharsets.UTF_8));
    }

    /** The resource is gone: forget its id. */
    public void deleted(Exchange ex) {
        Step step = StepMemory.step(ex);
        OnboardingRequest r = AepPayloads.request(ex);
        ledger.forget(r.sandbox(), r.id(), step);
        ex.getProperty(OUTCOME, Outcome.class).deleted.add(step.key());
    }

    /** The DELETE failed: a 404 means it is gone already; anything else is reported and the id kept. */
    public void notDeleted(Exchange ex) {
        Throwable failure = ex.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        AepError error = AepError.of(failure);
        if (error.httpStatus() != null && error.httpStatus() == 404) {
            deleted(ex);
            return;
        }
        ex.getProperty(OUTCOME, Outcome.class).failed.put(StepMemory.step(ex).key(),
                (error.httpStatus() == null ? "" : error.httpStatus() + " ") + error.code() + ": " + error.message());
    }

    /** The failure document with a {@code rollback} section: what {@link #settle} says. */
    public String report(Exchange ex) throws Exception {
        ObjectNode doc = (ObjectNode) mapper.readTree(ex.getMessage().getBody(String.class));
        doc.set("rollback", settle(ex, List.of()));
        return mapper.writeValueAsString(doc);
    }

    /**
     * What the DELETEs did: {@code deleted}, {@code notDeleted} (with AEP's answer) and {@code orphaned}.
     * When everything deletable is gone, the mapping set is forgotten too (orphaned), so are the
     * {@code alsoForget} steps (offboard: the sandbox's shared resources, never deleted), and the ledger
     * record is dropped: a re-submission starts afresh.
     */
    public ObjectNode settle(Exchange ex, List<Step> alsoForget) {
        OnboardingRequest r = AepPayloads.request(ex);
        Outcome outcome = ex.getProperty(OUTCOME, Outcome.class);
        Map<String, String> orphaned = new java.util.LinkedHashMap<>();
        if (outcome.failed.isEmpty()) {
            Map<String, String> left = ledger.ids(r.sandbox(), r.id());
            String mappingSet = left.get(Step.MAPPING_SET.key());
            if (mappingSet != null) {
                orphaned.put(Step.MAPPING_SET.key(), mappingSet);
                ledger.forget(r.sandbox(), r.id(), Step.MAPPING_SET);
            }
            alsoForget.stream().filter(s -> left.containsKey(s.key())).forEach(s -> ledger.forget(r.sandbox(), r.id(), s));
            ledger.discardIfEmpty(r.sandbox(), r.id());
        }
        ObjectNode section = mapper.createObjectNode();
        section.set("deleted", mapper.valueToTree(outcome.deleted));
        section.set("notDeleted", mapper.valueToTree(outcome.failed));
        section.set("orphaned", mapper.valueToTree(orphaned));
        return section;
    }

    /** What the rollback did; one instance shared by the split's exchanges. */
    static final class Outcome {
        final List<String> deleted = new CopyOnWriteArrayList<>();
        final Map<String, String> failed = new ConcurrentHashMap<>();
    }
}
