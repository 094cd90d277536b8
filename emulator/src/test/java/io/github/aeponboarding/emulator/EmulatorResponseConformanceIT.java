package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * After all surefire tests (failsafe's integration-test phase): every response any emulator sent in
 * the test suite, as journaled in target/emulator-journal.jsonl, matches the response schema of its
 * operation in Adobe's OpenAPI specs, up to the spec errors in {@link ResponseRelaxations}.
 */
class EmulatorResponseConformanceIT {
    @Test
    void every_response_the_emulator_sent_in_the_test_suite_matches_its_operations_response_schema() {
        List<JsonNode> entries = SpecConformance.suiteJournal();
        ResponseConformance conformance = new ResponseConformance();
        List<ResponseConformance.Outcome> outcomes = entries.parallelStream().map(conformance::check).toList();
        Set<String> problems = new LinkedHashSet<>();
        Set<String> operations = new TreeSet<>();
        outcomes.forEach(o -> {
            problems.addAll(o.problems());
            if (o.operation() != null) operations.add(o.operation());
        });
        System.out.printf("response conformance (test suite): %d responses, %d checked against a schema, %d operations%n",
                entries.size(), outcomes.stream().filter(ResponseConformance.Outcome::checked).count(), operations.size());
        assertThat(problems).as("responses that do not match their operation's response schema").isEmpty();
    }
}
