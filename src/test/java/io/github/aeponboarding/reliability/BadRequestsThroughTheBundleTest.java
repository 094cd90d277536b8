package io.github.aeponboarding.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Jms;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The malformed-request corpus (src/test/resources/bad-requests, expected.tsv) through the bundle's real
 * triggers: each file dropped into the inbox and each sent over JMS ends, once, in the dead letter with
 * a failure document naming the field and the reason, beside the original byte for byte; AEP sees no
 * call at all; and the bundle still onboards a good request afterwards.
 */
class BadRequestsThroughTheBundleTest {
    private static final String ROOT = "target/it/bad-requests";
    private static final Path CORPUS = Path.of("src/test/resources/bad-requests");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(String file, String field, String reason) {
        boolean droppable() {
            return file.matches(".*\\.(json|yaml|yml)");
        }
    }

    @Test
    void every_malformed_request_is_dead_lettered_with_its_field_and_reason_and_nothing_reaches_aep() throws Exception {
        BundleTest.clean(ROOT);
        List<Case> cases = Files.readAllLines(CORPUS.resolve("expected.tsv"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t", -1)).map(c -> new Case(c[0], c[1], c[2])).toList();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        try (RunningBundle bundle = RunningBundle.start(ROOT, Map.of(
                "onboarding.file-trigger-enabled", "true", "onboarding.jms-trigger-enabled", "true"));
             Jms jms = new Jms("vm://0")) {
            Path inbox = Files.createDirectories(Path.of(ROOT, "inbox"));
            for (Case c : cases) {
                jms.send(Jms.REQUESTS, Files.readAllBytes(CORPUS.resolve(c.file())), true, Map.of("JMSCorrelationID", c.file()));
                if (c.droppable()) {
                    Files.copy(CORPUS.resolve(c.file()), inbox.resolve(c.file()));
                }
            }

            // JMS: one dead letter per request, the original as the body, the failure document beside it
            List<Message> deadLetters = jms.receive(Jms.DEAD_LETTER, cases.size(), Duration.ofSeconds(30));
            assertThat(deadLetters).hasSize(cases.size());
            Map<String, Message> byFile = new HashMap<>();
            for (Message m : deadLetters) {
                assertThat(byFile.put(m.getJMSCorrelationID(), m)).as("one dead letter each").isNull();
            }
            for (Case c : cases) {
                Message m = byFile.get(c.file());
                assertThat(Jms.bytes(m)).as(c.file()).isEqualTo(Files.readAllBytes(CORPUS.resolve(c.file())));
                assertNamesFieldAndReason(JSON.readTree(m.getStringProperty("AepFailure")), c);
            }
            assertThat(jms.receive(Jms.RESULTS, cases.size(), Duration.ofSeconds(5))).as("FAILED results published")
                    .hasSize(cases.size());

            // file drop: failure document and original in the dead letter folder, the file in inbox/.error
            Path deadLetter = Path.of(ROOT, "deadletter");
            List<Case> dropped = cases.stream().filter(Case::droppable).toList();
            await().atMost(Duration.ofSeconds(60)).until(() -> dropped.stream().allMatch(c ->
                    Files.exists(deadLetter.resolve(c.file() + ".failure.json")) && Files.exists(inbox.resolve(".error/" + c.file()))));
            for (Case c : dropped) {
                byte[] original = Files.readAllBytes(CORPUS.resolve(c.file()));
                assertThat(deadLetter.resolve(c.file())).as(c.file()).hasBinaryContent(original);
                assertThat(inbox.resolve(".error/" + c.file())).hasBinaryContent(original);
                assertThat(inbox.resolve(c.file())).doesNotExist();
                assertNamesFieldAndReason(JSON.readTree(deadLetter.resolve(c.file() + ".failure.json").toFile()), c);
            }
            // the AEP and IMS URLs come from configuration only: a request cannot name them
            jms.send(Jms.REQUESTS, Requests.example("crm", "url-in-request", r -> {
                r.put("baseUrl", "http://attacker.example");
                r.put("imsUrl", "http://attacker.example");
            }), true);
            List<Message> refused = jms.receive(Jms.DEAD_LETTER, 1, Duration.ofSeconds(30));
            assertThat(refused).hasSize(1);
            assertThat(JSON.readTree(refused.get(0).getStringProperty("AepFailure")).path("problems")).extracting(JsonNode::asText)
                    .anySatisfy(p -> assertThat(p).startsWith("$.baseUrl: is not a known field"))
                    .anySatisfy(p -> assertThat(p).startsWith("$.imsUrl: is not a known field"));
            assertThat(BundleTest.platformCalls(bundle.context())).as("calls to the Platform").isZero();
            assertThat(Path.of(ROOT, "outbox")).satisfiesAnyOf(
                    p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());

            // and the bundle still works
            Files.write(inbox.resolve("good.json"), Requests.example("crm", "after-the-bad-requests"));
            Path result = Path.of(ROOT, "outbox", "after-the-bad-requests.result.json");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result));
            assertThat(JSON.readTree(result.toFile()).path("status").asText()).isEqualTo("CREATED");
        }
    }

    private static void assertNamesFieldAndReason(JsonNode failure, Case c) {
        assertThat(failure.path("status").asText()).as(c.file()).isEqualTo("FAILED");
        assertThat(failure.path("code").asText()).as(c.file()).isEqualTo("INVALID_REQUEST");
        assertThat(failure.path("step").asText()).as(c.file()).isEqualTo("validation");
        assertThat(failure.path("ids").size()).as(c.file()).isZero();
        assertThat(failure.path("problems")).as(c.file() + " problems")
                .anySatisfy(p -> assertThat(p.asText()).startsWith(c.field() + ": ").contains(c.reason()));
    }
}
