package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aeponboarding.request.OnboardingRequest;
import io.github.aeponboarding.request.SourceRules;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which AEP resources an onboarding creates. {@code tutorial}: the 2020 tutorials' chain. {@code current}:
 * Adobe's API tutorials today, without the ad hoc class and schema (the source connection carries
 * {@code data.format} and {@code params} only) and without the dataset base connection (the target
 * connection has no {@code baseConnectionId}). With no witness created first in {@code current}, a
 * request the store has no record of looks its source connection up by name ({@link LookupPlan}).
 */
public enum Recipe {
    TUTORIAL(EnumSet.allOf(Step.class)),
    CURRENT(EnumSet.complementOf(EnumSet.of(Step.ADHOC_CLASS, Step.ADHOC_SCHEMA, Step.DATASET_BASE_CONNECTION)));

    private final Set<Step> steps;

    Recipe(Set<Step> steps) {
        this.steps = steps;
    }

    public static Recipe of(OnboardingRequest r) {
        return r != null && SourceRules.CURRENT.equals(r.recipe()) ? CURRENT : TUTORIAL;
    }

    /** The same, from the request as the ledger stores it. */
    public static Recipe of(JsonNode request) {
        return request != null && SourceRules.CURRENT.equals(request.path("recipe").asText()) ? CURRENT : TUTORIAL;
    }

    public boolean has(Step step) {
        return steps.contains(step);
    }

    /** The step's inputs that this recipe creates. */
    public List<Step> inputs(Step step) {
        return step.inputs().stream().filter(this::has).toList();
    }
}
