package io.github.aeponboarding.onboarding;

/** Names of the exchange properties the onboarding routes share. */
public final class Onboarding {
    /** The validated {@link io.github.aeponboarding.request.OnboardingRequest}. */
    public static final String REQUEST = "aepRequest";
    /** The request's {@link io.github.aeponboarding.request.SourceCatalogue.Source}: shape, flowSpec, deprecation. */
    public static final String SOURCE = "aepSource";
    /** The step being run (its route name), for failure documents. */
    public static final String STEP = "aepStep";
    /** The resource the current step creates ({@link Step#routeName()}). */
    public static final String RESOURCE = "aepResource";
    /** The original request text, kept for the dead letter. */
    public static final String ORIGINAL = "aepOriginalRequest";
    /** When the onboarding started (epoch millis). */
    public static final String STARTED_AT = "aepStartedAt";
    /** The request's {@link io.github.aeponboarding.store.LedgerStore.Fence}: every AEP call of it checks it (aep-http route). */
    public static final String FENCE = "aepFence";
    /** Set by a recheck that found the resource; the write is then skipped. */
    public static final String FOUND = "aepFound";

    /** What the request asks for ({@link io.github.aeponboarding.request.Action#word}): onboard, plan, disable, enable, offboard. */
    public static final String ACTION = "aepAction";
    /** The action a trigger names beside the document (command-line sub-command, JMS property AepAction); it wins. */
    public static final String TRIGGER_ACTION = "aepTriggerAction";

    private Onboarding() {
    }
}
