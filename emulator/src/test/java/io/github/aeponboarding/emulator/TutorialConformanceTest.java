package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests of both tutorial replays, as the emulator accepted them, are valid against Adobe's
 * OpenAPI specs (with the documented relaxations). Runs alone, without the failsafe journal check.
 */
class TutorialConformanceTest {
    @Test
    void every_request_of_both_tutorial_replays_is_valid_against_adobes_specs(@TempDir Path dir) {
        assumeTrue(SpecConformance.specsAvailable(), SpecConformance::skipMessage);
        Path journal = dir.resolve("journal.jsonl");
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.builder().journal(journal).build())) {
            AepClient client = new AepClient(emulator, "conformance");
            Tutorials crm = Tutorials.crm(client).all();
            Tutorials.payments(client).all();
            client.get(Tutorials.REGISTRY + "/tenant/schemas?property=title==" + AepClient.enc("adhoc schema " + crm.suffix), AepClient.XED_ID);
            client.get(Tutorials.FLOWS + "/runs?property=flowId==" + crm.flowId);
            client.get(Tutorials.CATALOG + "/dataSets?name=" + AepClient.enc("Target Dataset for CRM data " + crm.suffix) + "&properties=name,schemaRef");
            client.get(Tutorials.CONVERSION + "/mappingSets?limit=10&start=0");
            client.get(Tutorials.FLOWS + "/connections/" + Tutorials.SALESFORCE_CONNECTION + "/explore?objectType=root");
        }
        List<JsonNode> entries = SpecConformance.readJournal(journal);
        assertThat(entries).hasSizeGreaterThan(20);
        SpecConformance conformance = new SpecConformance();
        List<String> problems = new ArrayList<>();
        entries.forEach(e -> problems.addAll(conformance.problems(e)));
        assertThat(problems).isEmpty();
    }
}
