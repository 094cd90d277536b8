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
        Path journal = Path.of(System.getProperty("aep.emulator.journal.check", "target/emulator-journal.jsonl"));
        assertThat(journal).as("the surefire run writes the journal; run mvn verify, not the IT alone").exists();
        List<JsonNode> entries = SpecConformance.readJournal(journal);
        assertThat(entries).as("accepted requests in " + journal).isNotEmpty();
        SpecConformance conformance = new SpecConformance();
        Set<String> problems = new LinkedHashSet<>();
        entries.forEach(e -> problems.addAll(conformance.problems(e)));
        assertThat(problems).as("requests the emulator accepted although Adobe's specs refuse them").isEmpty();
    }
}
