package io.github.aeponboarding.onboarding;

import io.github.aeponboarding.ExchangeContract;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;

/**
 * When a step looks its resource up by name before creating it, because AEP may hold it although the
 * store has no record of it (the store was lost or restored from an old backup, another installation
 * onboarded the request, or the flow was deleted and the request is submitted again).
 * <p>
 * The Schema Registry's unique titles are the witnesses: the ad hoc class and schema and the target
 * schema are always created first, and a POST of an existing title is refused, which the retry
 * policy answers with a lookup by title. So a fresh onboarding whose witnesses AEP accepts as new
 * knows that nothing depending on them can exist, and looks nothing up: no extra call, no longer
 * chain. Only a step whose inputs were not all created by this run looks itself up first.
 * <p>
 * One plan per onboarding, shared by the parallel branches (an exchange copy keeps the reference).
 */
public final class LookupPlan {

    private enum Mode { TRUST_STORE, AFTER_WITNESSES, ALWAYS }

    private final Mode mode;
    private final Set<Step> createdNow = ConcurrentHashMap.newKeySet();

    private LookupPlan(Mode mode) {
        this.mode = mode;
    }

    /** The store has the request's record: it knows what exists (a crash's pending writes are rechecked anyway). */
    public static LookupPlan trustStore() {
        return new LookupPlan(Mode.TRUST_STORE);
    }

    /** The store has no record of the request: AEP may hold some of it. */
    public static LookupPlan afterWitnesses() {
        return new LookupPlan(Mode.AFTER_WITNESSES);
    }

    /** The request was onboarded, and its flow is gone: whatever survives in AEP is found and reused. */
    public static LookupPlan always() {
        return new LookupPlan(Mode.ALWAYS);
    }

    public static LookupPlan of(Exchange ex) {
        LookupPlan plan = ex.getProperty(ExchangeContract.LOOKUP_PLAN, LookupPlan.class);
        return plan != null ? plan : trustStore();
    }

    /** Records that this run created the step's resource (AEP answered the POST with a new id). */
    public void created(Step step) {
        createdNow.add(step);
    }

    /** True when the store had no (current) record and AEP already held every resource: nothing was written. */
    public boolean adoptedEverything() {
        return mode != Mode.TRUST_STORE && createdNow.isEmpty();
    }

    /** True when the step must look its resource up by name before creating it. */
    public boolean lookUpFirst(Step step) {
        return switch (mode) {
            case TRUST_STORE -> false;
            // the request was onboarded before: its resources most likely exist, so one GET beats a refused POST and a GET
            case ALWAYS -> true;
            case AFTER_WITNESSES -> switch (step) {
                case SOURCE_CONNECTION -> !createdNow.contains(Step.ADHOC_SCHEMA);
                case DATASET, MAPPING_SET -> !createdNow.contains(Step.TARGET_SCHEMA);
                case TARGET_CONNECTION -> !createdNow.contains(Step.DATASET);
                // a flow can only exist if every resource it references existed before this run
                case FLOW -> !(createdNow.contains(Step.SOURCE_CONNECTION) || createdNow.contains(Step.TARGET_CONNECTION)
                        || createdNow.contains(Step.MAPPING_SET));
                default -> false;
            };
        };
    }
}
