package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aeponboarding.aep.OnboardingConflictException;
import java.util.List;
import java.util.Map;

/**
 * Whether a resource found by its name is the one this request would create: the fields that tie it
 * to its source, schema or dataset must be the same as in the request's payload. A resource that has
 * the name but not the fields (someone else's, or one from another definition) is never adopted and
 * never duplicated: the request fails with NAME_TAKEN, naming the field.
 */
final class ResourceFit {
    private static final Map<Step, List<String>> IDENTITY = Map.of(
            Step.SOURCE_CONNECTION, List.of("/baseConnectionId", "/connectionSpec/id", "/params", "/data/schema/id"),
            Step.DATASET, List.of("/schemaRef/id"),
            Step.TARGET_CONNECTION, List.of("/connectionSpec/id", "/params/dataSetId", "/data/schema/id"),
            Step.MAPPING_SET, List.of("/outputSchema/schemaRef/id", "/mappings"),
            // the transformations whole: Copy is there or not, as the flowSpec takes it
            Step.FLOW, List.of("/flowSpec/id", "/sourceConnectionIds", "/targetConnectionIds", "/transformations"));

    private ResourceFit() {
    }

    /**
     * True when everything the request would send is there as sent; what AEP adds (ids of mapping
     * rows, versions) is ignored. Arrays must have the same length and fit element by element.
     */
    static boolean fits(JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (var it = expected.fields(); it.hasNext(); ) {
                var field = it.next();
                if (!fits(field.getValue(), actual.path(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!fits(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    /** Fields the listing does not return are not compared (each service lists its own subset). */
    static void check(Step step, String name, String id, JsonNode payload, JsonNode found) {
        for (String pointer : IDENTITY.getOrDefault(step, List.of())) {
            JsonNode expected = payload.at(pointer);
            JsonNode actual = found.at(pointer);
            if (!expected.isMissingNode() && !actual.isMissingNode() && !fits(expected, actual)) {
                throw new OnboardingConflictException("NAME_TAKEN", "AEP already holds a " + step.routeName() + " named '" + name
                        + "' (" + id + ") that does not fit this request: " + pointer + " is " + actual + ", the request needs "
                        + expected + "; delete it or use another request id");
            }
        }
    }
}
