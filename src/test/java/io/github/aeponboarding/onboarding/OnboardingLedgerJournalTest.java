package io.github.aeponboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.request.OnboardingRequest;
import io.github.aeponboarding.request.RequestReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's durable format: the record written whole at the start, each step appended to its
 * journal. What a restarted process reads back is what was written before it died, a torn last line
 * included (a crash inside the append).
 */
class OnboardingLedgerJournalTest {
    private static final String BASE_URL = "http://aep.example";
    private static final String ORG = "ORG@AdobeOrg";

    @TempDir
    Path dataDir;

    private final OnboardingRequest request = new RequestReader(262144).read(read("examples/crm-salesforce.yaml"), "crm-salesforce.yaml")
            .withSandbox("prod");
    private final JsonNode requestJson = new ObjectMapper().valueToTree(request);

    @Test
    void intents_ids_and_completion_survive_a_restart() {
        OnboardingLedger ledger = new OnboardingLedger(dataDir, BASE_URL, ORG);
        assertThat(ledger.begin(request, requestJson)).isEqualTo(OnboardingLedger.Start.NEW);
        ledger.intend("prod", request.id(), Step.ADHOC_CLASS);
        ledger.record("prod", request.id(), Step.ADHOC_CLASS, "class-1", "{\"payload\":1}");
        ledger.intend("prod", request.id(), Step.TARGET_SCHEMA);

        OnboardingLedger restarted = new OnboardingLedger(dataDir, BASE_URL, ORG);
        assertThat(restarted.begin(request, requestJson)).isEqualTo(OnboardingLedger.Start.RESUME);
        assertThat(restarted.recall("prod", request.id(), Step.ADHOC_CLASS, "{\"payload\":1}")).isEqualTo("class-1");
        assertThat(restarted.wasIntended("prod", request.id(), Step.TARGET_SCHEMA)).isTrue();
        assertThat(restarted.wasIntended("prod", request.id(), Step.ADHOC_CLASS)).isFalse();

        restarted.complete("prod", request.id(), java.util.Map.of());
        assertThat(new OnboardingLedger(dataDir, BASE_URL, ORG).begin(request, requestJson)).isEqualTo(OnboardingLedger.Start.COMPLETE);
    }

    @Test
    void a_torn_last_line_falls_back_to_the_line_before() throws Exception {
        OnboardingLedger ledger = new OnboardingLedger(dataDir, BASE_URL, ORG);
        ledger.begin(request, requestJson);
        ledger.intend("prod", request.id(), Step.DATASET);
        Path journal = journal();
        Files.write(journal, "{\"epoch\":1,\"complete\":tr".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        OnboardingLedger restarted = new OnboardingLedger(dataDir, BASE_URL, ORG);
        assertThat(restarted.begin(request, requestJson)).isEqualTo(OnboardingLedger.Start.RESUME);
        assertThat(restarted.wasIntended("prod", request.id(), Step.DATASET)).isTrue();
    }

    @Test
    void a_record_started_afresh_ignores_the_old_journal() {
        OnboardingLedger ledger = new OnboardingLedger(dataDir, BASE_URL, ORG);
        ledger.begin(request, requestJson);
        ledger.record("prod", request.id(), Step.FLOW, "flow-1", null);
        ledger.reset(request, requestJson);

        OnboardingLedger restarted = new OnboardingLedger(dataDir, BASE_URL, ORG);
        restarted.begin(request, requestJson);
        assertThat(restarted.ids("prod", request.id())).isEmpty();
    }

    @Test
    void an_accepted_definition_survives_a_restart() {
        OnboardingLedger ledger = new OnboardingLedger(dataDir, BASE_URL, ORG);
        ledger.begin(request, requestJson);
        ledger.record("prod", request.id(), Step.FLOW, "flow-1", null);
        ledger.complete("prod", request.id(), java.util.Map.of());
        com.fasterxml.jackson.databind.node.ObjectNode changed = requestJson.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) changed.get("schedule")).put("interval", 45);
        ledger.accept("prod", request.id(), changed);

        OnboardingLedger restarted = new OnboardingLedger(dataDir, BASE_URL, ORG);
        assertThat(restarted.begin(request, changed)).isEqualTo(OnboardingLedger.Start.COMPLETE);
        assertThat(restarted.ids("prod", request.id())).containsEntry("flow", "flow-1");
    }

    private Path journal() throws Exception {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(p -> p.toString().endsWith(".journal")).findFirst().orElseThrow();
        }
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
