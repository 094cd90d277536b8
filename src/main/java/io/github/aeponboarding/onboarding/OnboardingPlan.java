package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.aep.OnboardingConflictException;
import io.github.aeponboarding.request.OnboardingRequest;
import io.github.aeponboarding.request.SourceCatalogue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * The dry run ({@code plan}): per resource, what {@code onboard} would do now ({@code create},
 * {@code reuse}, {@code update}, {@code unchanged}) and the exact request it would send, built by the
 * same {@link AepPayloads}. It reads the store without the request's lock and writes nothing, there or
 * in AEP: a resource the store does not know is looked up by name ({@code direct:aep-lookup}) when every
 * resource it names exists; one that names a resource still to be created cannot exist, and its body
 * shows {@code "<id of targetSchema>"} where onboard will put the new id.
 */
public class OnboardingPlan {
    /** The resources in the order onboard creates them (Step's own order: each after the ones it names); the flowSpec is only read. */
    private static final List<Step> ORDER = java.util.Arrays.stream(Step.values()).filter(s -> s != Step.FLOW_SPEC).toList();
    private static final String PLAN = "aepPlan";

    private final OnboardingLedger ledger;
    private final AepPayloads payloads;
    private final SandboxResources sandboxes;
    private final OnboardingResults results;
    private final ObjectMapper mapper = new ObjectMapper();

    public OnboardingPlan(OnboardingLedger ledger, AepPayloads payloads, SandboxResources sandboxes, OnboardingResults results) {
        this.ledger = ledger;
        this.payloads = payloads;
        this.sandboxes = sandboxes;
        this.results = results;
    }

    /** Reads the request's record (no lock, no write) and says how onboard would start; a changed definition fails as it would. */
    public void start(Exchange ex) {
        OnboardingRequest r = AepPayloads.request(ex);
        Optional<OnboardingLedger.Snapshot> record = ledger.peek(r);
        ex.setProperty(PLAN, new Plan(record.orElse(null), mapper.createArrayNode()));
        String start = record.isEmpty() ? "NEW" : !record.get().complete() ? "RESUME" : "COMPLETE";
        if (start.equals("COMPLETE")) {
            List<String> changes = DefinitionDiff.differences(record.get().request(), mapper.valueToTree(r));
            if (!changes.stream().allMatch(c -> c.startsWith("$.schedule."))) {
                throw new OnboardingConflictException("DEFINITION_CHANGED", "request '" + r.id()
                        + "' was already onboarded with a different definition: " + String.join("; ", changes));
            }
            start = changes.isEmpty() ? "COMPLETE" : "SCHEDULE_CHANGED";
        }
        ex.setProperty(ExchangeContract.PLAN_START, start);
    }

    /** A finished request: every resource unchanged, or the flow's schedule updated in place (the PATCH onboard would send). */
    public void finished(Exchange ex) {
        Plan plan = ex.getProperty(PLAN, Plan.class);
        Map<String, String> ids = plan.record.ids();
        boolean scheduleChanged = "SCHEDULE_CHANGED".equals(ex.getProperty(ExchangeContract.PLAN_START));
        for (Step step : ORDER) {
            String id = ids.get(step.key());
            if (id == null) {
                continue;   // referenced by the request, not created by it
            }
            ex.getMessage().setHeader(step.header(), id);
            if (step == Step.FLOW && scheduleChanged) {
                ObjectNode update = entry(step, "update").put("id", id).put("method", "PATCH")
                        .put("path", "/data/foundation/flowservice/flows/" + id);
                update.set("body", ScheduleUpdate.patch(AepPayloads.request(ex)));
                plan.resources.add(update);
            } else {
                plan.resources.add(entry(step, "unchanged").put("id", id));
            }
        }
    }

    /** How many resources the loop of the plan route visits. */
    public int size() {
        return ORDER.size();
    }

    /** The loop's current resource: its request body, and whether to look it up in AEP before planning it. */
    public void prepare(Exchange ex) {
        Step step = ORDER.get(ex.getProperty(Exchange.LOOP_INDEX, Integer.class));
        OnboardingRequest r = AepPayloads.request(ex);
        Plan plan = ex.getProperty(PLAN, Plan.class);
        ex.setProperty(ExchangeContract.STEP, "plan-" + step.routeName());
        ex.setProperty(ExchangeContract.RESOURCE, step.routeName());
        ex.setProperty(ExchangeContract.PLAN_LOOK_UP, false);
        plan.current = null;
        if (!Recipe.of(r).has(step)) {
            return;   // not a resource of this request's recipe: onboard neither creates nor reuses it
        }
        String referenced = referenced(step, r);
        if (referenced != null || (r.adhocSchemaId() != null && step == Step.ADHOC_CLASS)) {
            if (referenced != null) {   // the request names it: onboard creates nothing (and the ad hoc class not at all)
                ex.getMessage().setHeader(step.header(), referenced);
                plan.resources.add(entry(step, "reuse").put("id", referenced).put("from", "request"));
            }
            return;
        }
        ex.removeVariable(ExchangeContract.QUERY);
        build(step, r, ex);
        String payload = ex.getMessage().getBody(String.class);
        String recorded = plan.record == null ? null : plan.record.ids().get(step.key());
        if (recorded != null) {
            String hash = plan.record.payloadHashes().get(step.key());
            if (hash != null && !hash.equals(DefinitionDiff.sha256(RequestMemory.definition(step, payload)))) {
                throw new OnboardingConflictException("DEFINITION_CHANGED", "the " + step.routeName() + " of request '" + r.id()
                        + "' was already created (" + recorded + ") from a different definition; use a new request id to change it");
            }
            ex.getMessage().setHeader(step.header(), recorded);
            plan.resources.add(entry(step, "reuse").put("id", recorded).put("from", "store"));
            return;
        }
        if (step == Step.DATASET_BASE_CONNECTION) {
            sandboxes.recall(ex);   // the sandbox's, once known to this process
            String shared = ex.getMessage().getHeader(step.header(), String.class);
            if (shared != null) {
                plan.resources.add(entry(step, "reuse").put("id", shared).put("from", "sandbox"));
                return;
            }
        }
        plan.current = step;
        // the create's path, kept aside: the lookup below sets up a call of its own on this exchange
        String query = ex.getVariable(ExchangeContract.QUERY, String.class);
        plan.currentPath = ex.getVariable(ExchangeContract.PATH, String.class) + (query == null ? "" : "?" + query);
        // a resource that names one still to be created cannot exist yet: no lookup
        boolean inputsExist = step.inputs().stream().allMatch(in -> !placeholder(in).equals(ex.getMessage().getHeader(in.header())));
        ex.setProperty(ExchangeContract.PLAN_LOOK_UP, inputsExist);
    }

    /** After the lookup (if any): reuse what AEP holds, else create it, with the request onboard would send. */
    public void decide(Exchange ex) throws Exception {
        Plan plan = ex.getProperty(PLAN, Plan.class);
        Step step = plan.current;
        if (step == null) {
            return;
        }
        boolean found = Boolean.TRUE.equals(ex.getProperty(ExchangeContract.FOUND, Boolean.class));
        ex.removeProperty(ExchangeContract.FOUND);
        if (found) {
            String id = StepMemory.normalise(ex.getMessage().getHeader(step.header(), String.class));
            ex.getMessage().setHeader(step.header(), id);
            plan.resources.add(entry(step, "reuse").put("id", id).put("from", "aep"));
            return;
        }
        ObjectNode create = entry(step, "create").put("method", "POST").put("path", plan.currentPath);
        create.set("body", mapper.readTree(ex.getMessage().getBody(String.class)));
        plan.resources.add(create);
        ex.getMessage().setHeader(step.header(), placeholder(step));
    }

    /** The PLANNED result: the request's known ids and, per resource, what onboard would do. */
    public String result(Exchange ex) throws Exception {
        Plan plan = ex.getProperty(PLAN, Plan.class);
        ObjectNode doc = results.base(ex, "PLANNED");
        ObjectNode ids = doc.putObject("ids");
        for (Step s : Step.values()) {
            String id = ex.getMessage().getHeader(s.header(), String.class);
            if (id != null && !id.equals(placeholder(s))) {
                ids.put(s.key(), id);
            }
        }
        doc.set("resources", plan.resources);
        return mapper.writeValueAsString(doc);
    }

    /** Where the new id goes in the bodies of the resources that name one not created yet. */
    public static String placeholder(Step step) {
        return "<id of " + step.key() + ">";
    }

    private void build(Step step, OnboardingRequest r, Exchange ex) {
        ex.setVariable(ExchangeContract.PATH, step.path());
        switch (step) {
            case ADHOC_CLASS -> payloads.adhocClass(ex);
            case ADHOC_SCHEMA -> payloads.adhocSchema(ex);
            case SOURCE_CONNECTION -> {
                switch (ex.getProperty(ExchangeContract.SOURCE, SourceCatalogue.Source.class).shape()) {
                    case TABLE -> payloads.tableSourceConnection(ex);
                    case TABLE_PATH -> payloads.tablePathSourceConnection(ex);
                    case JSON_RESOURCE -> payloads.jsonResourceSourceConnection(ex);
                    case JSON_OBJECT -> payloads.jsonObjectSourceConnection(ex);
                }
            }
            case TARGET_SCHEMA -> payloads.targetSchema(ex);
            case DATASET -> payloads.dataset(ex);
            case DATASET_BASE_CONNECTION -> payloads.datasetBaseConnection(ex);
            case TARGET_CONNECTION -> payloads.targetConnection(ex);
            case MAPPING_SET -> payloads.mappingSet(ex);
            case FLOW -> payloads.flow(ex);
            case FLOW_SPEC -> throw new IllegalArgumentException("the flowSpec is only read");
        }
    }

    private static String referenced(Step step, OnboardingRequest r) {
        return switch (step) {
            case ADHOC_SCHEMA -> r.adhocSchemaId();
            case TARGET_SCHEMA -> r.target().schemaId();
            case DATASET -> r.target().datasetId();
            default -> null;
        };
    }

    private ObjectNode entry(Step step, String action) {
        return mapper.createObjectNode().put("resource", step.key()).put("action", action);
    }

    /** The plan under way; the loop runs on one exchange, so one instance per plan. */
    private static final class Plan {
        final OnboardingLedger.Snapshot record;
        final ArrayNode resources;
        Step current;
        String currentPath;

        Plan(OnboardingLedger.Snapshot record, ArrayNode resources) {
            this.record = record;
            this.resources = resources;
        }
    }
}
