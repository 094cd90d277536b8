package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.request.InvalidRequestException;
import io.github.aeponboarding.request.OnboardingRequest;
import io.github.aeponboarding.request.Problem;
import io.github.aeponboarding.request.RequestRules;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * Checks a request against the flowSpec AEP returned, before anything is written: the source's
 * connection spec must be one the flowSpec accepts (a CRM source on CloudStorageToAEP is not),
 * the Data Lake must be one of its targets, a Copy transformation must be one it defines (RestStorageToAEP
 * takes Mapping only), and the schedule must satisfy its {@code scheduleSpec}.
 */
public class FlowSpecCheck {
    private final SandboxResources sandboxes;
    private final RequestRules rules = new RequestRules();

    public FlowSpecCheck(SandboxResources sandboxes) {
        this.sandboxes = sandboxes;
    }

    public void check(Exchange ex) {
        OnboardingRequest r = ex.getProperty(ExchangeContract.REQUEST, OnboardingRequest.class);
        JsonNode flowSpec = sandboxes.flowSpec(ex);
        List<Problem> problems = new ArrayList<>();
        if (!contains(flowSpec.path("sourceConnectionSpecIds"), r.source().connectionSpecId())) {
            problems.add(new Problem("$.source.connectionSpecId", "connection spec " + r.source().connectionSpecId()
                    + " is not a source of flowSpec " + flowSpec.path("name").asText() + " (it accepts "
                    + flowSpec.path("sourceConnectionSpecIds") + ")"));
        }
        if (!contains(flowSpec.path("targetConnectionSpecIds"), AepPayloads.DATA_LAKE_SPEC)) {
            problems.add(new Problem("$.kind", "flowSpec " + flowSpec.path("name").asText() + " does not write to the Data Lake"));
        }
        if (r.copy() != null && !transformations(flowSpec).contains("Copy")) {
            problems.add(new Problem("$.copy", "flowSpec " + flowSpec.path("name").asText() + " takes no Copy transformation (it takes "
                    + transformations(flowSpec) + "); leave copy out"));
        }
        problems.addAll(rules.checkSchedule(r.schedule(), flowSpec.path("scheduleSpec")));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private static List<String> transformations(JsonNode flowSpec) {
        List<String> names = new ArrayList<>();
        flowSpec.path("transformationSpecs").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
