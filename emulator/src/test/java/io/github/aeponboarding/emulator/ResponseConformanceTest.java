package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every response of a representative run ({@link ConformanceTour}) is valid against the response
 * schema Adobe's OpenAPI specs declare for its operation and status (else {@code default}), up to the
 * spec errors in {@link ResponseRelaxations}. Runs alone; EmulatorResponseConformanceIT checks the
 * responses of the whole test suite.
 */
class ResponseConformanceTest {
    @Test
    void every_response_of_a_representative_run_matches_its_operations_response_schema(@TempDir Path dir) {
        assumeTrue(SpecConformance.specsAvailable(), SpecConformance::skipMessage);
        Path journal = dir.resolve("journal.jsonl");
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.builder().journal(journal)
                .runDurationMillis(ConformanceTour.RUN_MILLIS)
                .runOutcomes(Map.of("Contact", "partialSuccess", "PayPal.Catalog_Products", "failed")).build())) {
            new ConformanceTour(new AepClient(emulator, "responses")).run();
        }
        List<JsonNode> entries = SpecConformance.readJournal(journal);
        ResponseConformance conformance = new ResponseConformance();
        List<String> problems = new ArrayList<>();
        Set<String> operations = new TreeSet<>();
        int checked = 0;
        for (JsonNode entry : entries) {
            ResponseConformance.Outcome outcome = conformance.check(entry);
            problems.addAll(outcome.problems());
            if (outcome.operation() != null) operations.add(outcome.operation());
            if (outcome.checked()) checked++;
        }
        System.out.printf("response conformance: %d responses, %d checked against a schema, %d operations: %s%n",
                entries.size(), checked, operations.size(), operations);
        assertThat(problems).as("responses that do not match their operation's response schema").isEmpty();
        assertThat(operations).as("operations the emulator serves, all visited by the tour").hasSizeGreaterThanOrEqualTo(30);
    }
}
