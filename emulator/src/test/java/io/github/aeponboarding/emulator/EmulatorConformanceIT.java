package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * After all surefire tests (failsafe's integration-test phase): every request any emulator accepted
 * anywhere in the test suite, as journaled in target/emulator-journal.jsonl, is valid against Adobe's
 * OpenAPI specs, up to the relaxations listed in {@link SpecConformance#RELAXATIONS}.
 */
class EmulatorConformanceIT {
    @Test
    void every_request_the_emulator_accepted_in_the_test_suite_is_valid_against_adobes_specs() {
        List<JsonNode> entries = SpecConformance.suiteJournal();
        SpecConformance conformance = new SpecConformance();
        Set<String> problems = new LinkedHashSet<>();
        // validation dominates the IT's time; the validator keeps no per-request state
        entries.parallelStream().map(conformance::problems).toList().forEach(problems::addAll);
        assertThat(problems).as("requests the emulator accepted although Adobe's specs refuse them").isEmpty();
    }
}
