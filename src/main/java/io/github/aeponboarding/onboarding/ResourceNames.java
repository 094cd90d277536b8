package io.github.aeponboarding.onboarding;

import io.github.aeponboarding.request.OnboardingRequest;

/**
 * Every name or title the bundle gives an AEP resource, derived from the request id. Being
 * deterministic is what lets a retry find a resource whose creation it could not confirm.
 */
public final class ResourceNames {
    /** One dataset base connection per sandbox is enough (the tutorial says so); this is its name. */
    public static final String DATASET_BASE_CONNECTION = "aep-source-onboarding dataset base connection";

    private ResourceNames() {
    }

    public static String of(Step step, OnboardingRequest r) {
        return switch (step) {
            case ADHOC_CLASS -> r.id() + " ad hoc class";
            case ADHOC_SCHEMA -> r.id() + " ad hoc schema";
            case SOURCE_CONNECTION -> r.id() + " source connection";
            case TARGET_SCHEMA -> r.target().schema().title() + " (" + r.id() + ")";
            case DATASET -> r.target().dataset().name() + " (" + r.id() + ")";
            case DATASET_BASE_CONNECTION -> DATASET_BASE_CONNECTION;
            case TARGET_CONNECTION -> r.id() + " target connection";
            case MAPPING_SET -> r.id() + "-mapping-set";
            case FLOW_SPEC -> throw new IllegalArgumentException("the flowSpec is Adobe's, not named by us");
            case FLOW -> r.id() + " dataflow";
        };
    }
}
