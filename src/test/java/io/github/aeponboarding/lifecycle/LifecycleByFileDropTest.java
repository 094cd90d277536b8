package io.github.aeponboarding.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.testsupport.AepInventory;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Onboard, then offboard, by dropping the request into the inbox; each action's result in its own outbox file. */
class LifecycleByFileDropTest {
    private static final String ROOT = "target/it/lifecycle-file";
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void a_dropped_offboard_deletes_what_a_dropped_onboard_created() throws Exception {
        BundleTest.clean(ROOT);
        try (RunningBundle bundle = RunningBundle.start(ROOT, Map.of("onboarding.file-trigger-enabled", "true"))) {
            Path inbox = Files.createDirectories(Path.of(ROOT, "inbox"));
            Files.write(inbox.resolve("onboard.json"), Requests.example("payments", "file-life"));
            JsonNode created = result("file-life.result.json");
            assertThat(created.path("status").asText()).isEqualTo("CREATED");

            Files.write(inbox.resolve("offboard.json"), Requests.example("payments", "file-life", r -> r.put("action", "offboard")));
            JsonNode offboarded = result("file-life.offboard.result.json");

            assertThat(offboarded.path("status").asText()).isEqualTo("OFFBOARDED");
            assertThat(AepInventory.of(BundleTest.aep(bundle.context()), "file-life", "payments")).allSatisfy((kind, n) ->
                    assertThat(n).as(kind).isEqualTo(kind.equals("mappingSet") ? 1 : 0));
            assertThat(mapper.readTree(Path.of(ROOT, "outbox", "file-life.result.json").toFile()).path("status").asText())
                    .as("the onboard's result is kept").isEqualTo("CREATED");
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(inbox.resolve(".done/offboard.json")));
        }
    }

    private JsonNode result(String name) throws Exception {
        Path result = Path.of(ROOT, "outbox", name);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result));
        return mapper.readTree(result.toFile());
    }
}
