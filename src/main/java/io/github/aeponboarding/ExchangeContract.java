package io.github.aeponboarding;

/**
 * The names the routes ({@code routes/*.camel.yaml}) and the beans share on an exchange: its
 * properties, variables and headers, each with who sets it and who reads it. The routes spell the
 * names out (YAML cannot refer to a Java constant); {@code ExchangeContractTest} fails when a route
 * uses a name that is not declared here, so a typo cannot silently read {@code null}.
 *
 * <p>Every name starts with {@code aep} (properties, variables) or {@code Aep} (headers), so that
 * the bundle's names cannot collide with a host's on a shared exchange. A name one bean keeps for
 * itself (its own bookkeeping between two of its calls) stays private in that bean.
 */
public final class ExchangeContract {

    // ---- exchange properties: the request ----

    /** The validated {@link io.github.aeponboarding.request.OnboardingRequest}. Set by aepRequestIntake (read, and
     *  useDiscoveredColumns after explore); read by the payloads, the checks and the routes' choices. */
    public static final String REQUEST = "aepRequest";
    /** The request's {@link io.github.aeponboarding.request.SourceCatalogue.Source} (shape, flowSpec, deprecation). Set by
     *  aepRequestIntake.read; read by aep-new-onboarding's router (its route()), aepPayloads, the checks. */
    public static final String SOURCE = "aepSource";
    /** The request's id, for logs, metrics and results. Set by aepRequestIntake.read; read by aep-onboard's log,
     *  aepOnboardingResults, aepOnboardingMetrics, aepRunWatch, aepFlowStatus, aepOnboardingRunner. */
    public static final String REQUEST_NAME = "aepRequestName";
    /** The sandbox of the request. Set by aepRequestIntake.read, aepFlowStatus and aepRunWatch; read by aepHttp
     *  (x-sandbox-name, else aep.sandbox), aepResourceFinder, aepBaseConnectionCheck, aepOnboardingMetrics. */
    public static final String SANDBOX = "aepSandbox";
    /** What the request asks for ({@link io.github.aeponboarding.request.Action#word}): onboard, plan, disable, enable,
     *  offboard. Set by aepRequestIntake.read; read by aep-onboard's choice, aep-flow-state (step name, op), aepFlowState. */
    public static final String ACTION = "aepAction";
    /** The action a trigger names beside the document; it wins. Set by aep-jms-trigger (from the JMS property
     *  {@link #ACTION_HEADER}) and the one-shot commands; read by aepRequestIntake.read. */
    public static final String TRIGGER_ACTION = "aepTriggerAction";
    /** When the onboarding started (epoch millis). Set by aepOnboardingResults.start; read by it for elapsedMs. */
    public static final String STARTED_AT = "aepStartedAt";
    /** Where the ledger stands: NEW, RESUME, COMPLETE or SCHEDULE_CHANGED. Set by aepRequestIntake.begin; read by
     *  aep-onboard's choice and aepOnboardingRollback. */
    public static final String START = "aepStart";
    /** The request's {@link io.github.aeponboarding.store.LedgerStore.Fence}. Set by aepRequestIntake (begin, open);
     *  read by aep-http (the rate limit's statement checks it before every AEP call). */
    public static final String FENCE = "aepFence";
    /** Whether the store had a record of the request. Set by aepRequestIntake.open; read by aepOffboarding. */
    public static final String RECORDED = "aepRecorded";
    /** The {@link io.github.aeponboarding.onboarding.LookupPlan}: which resources to look up by name before writing. Set by
     *  aepRequestIntake; read by the memories (recall, record) and aepOnboardingPlan. */
    public static final String LOOKUP_PLAN = "aepLookupPlan";
    /** The changes a schedule update applied ({@code $.path: old -> new}). Set by aepScheduleUpdate.accept; read by
     *  aepOnboardingResults.updated. */
    public static final String CHANGES = "aepChanges";

    // ---- exchange properties: the step at hand ----

    /** The step being run, for failure documents and retry metrics. Set by the step templates (aep-create-step,
     *  aep-call-step), refined by aepFlowState.prepareLookup, aepOnboardingPlan.prepare, aepOnboardingRollback.prepare;
     *  read by aepRetryPolicy and aepOnboardingResults. */
    public static final String STEP = "aepStep";
    /** The resource of the current step ({@link io.github.aeponboarding.onboarding.Step#routeName()}). Set by
     *  aep-create-step, aepFlowState.prepareLookup, aepOnboardingPlan.prepare, aepOnboardingRollback.prepare; read by
     *  the memories, aepResourceFinder and aepOnboardingRollback. */
    public static final String RESOURCE = "aepResource";
    /** The next attempt must look the resource up by name before writing. Set by aepRequestMemory.recall and
     *  aepRetryPolicy (a write whose outcome is unknown); read by aep-call; cleared by aepResourceFinder. */
    public static final String RECHECK = "aepRecheck";
    /** A lookup found the resource: the write is skipped. Set by aepResourceFinder; read by aep-call, aep-create-step,
     *  aepRequestMemory.record, aepOnboardingPlan.decide; removed by aep-create-step and aepOnboardingPlan. */
    public static final String FOUND = "aepFound";
    /** The current POST changes nothing when repeated (a flow's ENABLE or DISABLE): never rechecked. Set by
     *  aep-call-step (parameter repeatable); read by aepRetryPolicy. */
    public static final String REPEATABLE = "aepRepeatable";
    /** Attempts made of the current call. Set by aepRetryPolicy (begin, shouldRetry); read by it. */
    public static final String ATTEMPTS = "aepAttempts";
    /** The IMS token generation the current call used. Set by aepHttp.prepare; read by aepRetryPolicy (a 401 renews it). */
    public static final String TOKEN_GENERATION = "aepTokenGeneration";

    // ---- exchange properties: routes among themselves ----

    /** The source connection step of the source's shape, e.g. direct:aep-table-source-connection. Set by the shape
     *  routes (aep-table-source, ...); read by aep-source-chain. */
    public static final String SOURCE_CONNECTION_STEP = "aepSourceConnectionStep";
    /** The sandbox already has the shared resource (else this exchange holds the gate). Set and read by the
     *  aep-sandbox-shared template, from aepSandboxResources. */
    public static final String SANDBOX_READY = "aepSandboxReady";
    /** Where the ledger stands, for a plan (like {@link #START}, without taking the lock). Set by
     *  aepOnboardingPlan.start; read by aep-plan's choice. */
    public static final String PLAN_START = "aepPlanStart";
    /** The plan's current resource may exist in AEP: look it up. Set by aepOnboardingPlan.prepare; read by aep-plan. */
    public static final String PLAN_LOOK_UP = "aepPlanLookUp";
    /** The result file's name without its extension (id, or id.action). Set by aepOnboardingRunner; read by
     *  aep-file-trigger (the outbox file name). */
    public static final String RESULT_NAME = "aepResultName";
    /** The name the request arrived under (a file's name), for the dead letter. Set by aepRequestIntake.keepOriginal
     *  (copied by aepOnboardingRunner); read by aepRequestIntake.read and aepInboxEntry. */
    public static final String ORIGINAL_NAME = "aepOriginalName";
    /** The inbox sub-folder a finished file moves to: .done or .error. Set by aep-file-trigger; read by its
     *  consumer's move option. */
    public static final String INBOX_FOLDER = "aepInboxFolder";
    /** The dead letter's file name, unique. Set by aep-dead-letter-file (from aepInboxEntry.deadLetterName); read by it. */
    public static final String DEAD_LETTER_NAME = "aepDeadLetterName";

    // ---- exchange variables ----

    /** The request as it arrived, byte for byte. Set by aepRequestIntake.keepOriginal; read by aepRequestIntake.read,
     *  and sent to the dead letter by aep-dead-letter-file and aep-jms-trigger (variableSend). */
    public static final String ORIGINAL = "aepOriginalRequest";
    /** The call's HTTP method. Set by the step templates, aepScheduleUpdate.prepare (PATCH) and
     *  aep-patch-flow-schedule (GET); read by aepHttp.prepare and aepRetryPolicy (a POST may be rechecked). */
    public static final String METHOD = "aepMethod";
    /** The call's path below the base URL. Set by the step templates, aepOnboardingRollback.prepare; read by
     *  aepHttp.prepare and aepOnboardingPlan. */
    public static final String PATH = "aepPath";
    /** Appended to the path (an id, /explore, /action). Set by aep-call-step, aepOnboardingRollback.prepare; read by
     *  aepHttp.prepare; removed by aepHttp.newCall and aep-call-step. */
    public static final String PATH_SUFFIX = "aepPathSuffix";
    /** The call's query string. Set by aep-call-step and the payload beans (flowSpec, dataset); read by aepHttp.prepare
     *  and aepOnboardingPlan; removed by aepHttp.newCall. */
    public static final String QUERY = "aepQuery";
    /** The call's Accept header (default application/json). Set by aep-call-step and aepResourceFinder; read by
     *  aepHttp.prepare; removed by aepHttp.newCall. */
    public static final String ACCEPT = "aepAccept";
    /** AEP's answer to the last call. Set by aep-http (variableReceive); read by aep-create-step (the id), the beans
     *  that read an answer (aepBaseConnectionCheck, aepRequestIntake, aepScheduleUpdate, aepResourceFinder, aepRunWatch,
     *  aepFlowStatus, aepOnboardingPlan ...). */
    public static final String RESPONSE = "aepResponse";

    // ---- message headers ----

    /** The result's status: CREATED, UNCHANGED, UPDATED, PLANNED, DISABLED, ENABLED, OFFBOARDED or FAILED. Set by
     *  the action routes; read by the triggers (dead letter or outbox), aepOnboardingMetrics, the commands. */
    public static final String STATUS = "AepStatus";
    /** The JMS property a sender names the action with. Read by aep-jms-trigger (into {@link #TRIGGER_ACTION}). */
    public static final String ACTION_HEADER = "AepAction";
    /** The failure document beside the original request on the JMS dead letter. Set and read by aep-jms-trigger. */
    public static final String FAILURE = "AepFailure";
    /** Prefix of the id headers, one per resource ({@link io.github.aeponboarding.onboarding.Step#header()}, e.g.
     *  AepIdFlow). Set by aep-create-step, the chains (ids a request names), aepRequestIntake.recallIds, the lookups;
     *  read by the payloads (the ids a resource names), the call steps' paths, aepOnboardingResults. */
    public static final String ID_HEADER_PREFIX = "AepId";
    /** AEP's sandbox header on a call. Set by aepHttp.prepare; read by aep-http (the rate limit is per sandbox). */
    public static final String SANDBOX_HEADER = "x-sandbox-name";

    private ExchangeContract() {
    }
}
