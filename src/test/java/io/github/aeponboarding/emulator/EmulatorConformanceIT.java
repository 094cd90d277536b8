package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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
    void everyRequestTheEmulatorAcceptedInTheTestSuiteIsValidAgainstAdobesSpecs() {
        assumeTrue(SpecConformance.specsAvailable(), SpecConformance::skipMessage);
        String configured = System.getProperty("aep.emulator.journal.check");
        // under failsafe the pom names the journal the surefire run wrote, and it must be there; picked
        // up by a plain surefire run (-Dtest=...), this check has nothing reliable to read
        assumeTrue(configured != null, "not run by failsafe after the surefire tests: no journal to check");
        Path journal = Path.of(configured);
        assertThat(journal).as("the surefire run writes the journal (aep.emulator.journal in the pom)").exists();
        List<JsonNode> entries = SpecConformance.readJournal(journal);
        assertThat(entries).as("accepted requests in " + journal).isNotEmpty();
        SpecConformance conformance = new SpecConformance();
        Set<String> problems = new LinkedHashSet<>();
        // validation dominates the IT's time; the validator keeps no per-request state
        entries.parallelStream().map(conformance::problems).toList().forEach(problems::addAll);
        assertThat(problems).as("requests the emulator accepted although Adobe's specs refuse them").isEmpty();
    }
}
