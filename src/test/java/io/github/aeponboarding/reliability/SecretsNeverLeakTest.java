package io.github.aeponboarding.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.aeponboarding.aep.ImsTokenCache;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Jms;
import io.github.aeponboarding.testsupport.LogCapture;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Onboardings that succeed, fail at AEP and live through a revoked token (401, renewed once), over
 * JMS and the file drop, with a distinctive client secret: neither the secret nor any bearer token
 * IMS issued appears in the logs (our code and Camel at DEBUG), the results, the dead letters (files
 * and JMS messages, properties included) or anything else the bundle wrote to disk.
 */
class SecretsNeverLeakTest {
    private static final String ROOT = "target/it/secrets";

    @Test
    void no_client_secret_or_bearer_token_in_logs_results_dead_letters_or_files() throws Exception {
        BundleTest.clean(ROOT);
        String secret = "Cl13nt-S3cret-" + UUID.randomUUID();
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = new LogCapture("io.github.aeponboarding", "org.apache.camel", "org.apache.hc");
             AepEmulator emulator = AepEmulator.start(EmulatorOptions.defaults().toBuilder().clientSecret(secret).build())) {
            Map<String, String> properties = new HashMap<>(RunningBundle.at(emulator));
            properties.put("onboarding.jms-trigger-enabled", "true");
            properties.put("onboarding.file-trigger-enabled", "true");
            properties.put("aep.retry.max-attempts", "2");
            properties.put("aep.retry.initial-delay-ms", "10");
            try (RunningBundle bundle = RunningBundle.start(ROOT, properties);
                 Jms jms = new Jms("vm://0")) {
                jms.send(Jms.REQUESTS, Requests.example("crm", "secret-good-jms"), false);
                jms.send(Jms.REQUESTS, Requests.example("crm", "secret-bad-jms", SecretsNeverLeakTest::unknownAccount), false);
                List<Message> results = jms.receive(Jms.RESULTS, 2, Duration.ofSeconds(30));
                List<Message> deadLetters = jms.receive(Jms.DEAD_LETTER, 1, Duration.ofSeconds(5));
                assertThat(results).hasSize(2);
                assertThat(deadLetters).hasSize(1);

                emulator.revokeTokens();   // the cached token is now refused: 401, renewed once
                Path inbox = Files.createDirectories(Path.of(ROOT, "inbox"));
                Files.write(inbox.resolve("good.json"), Requests.example("payments", "secret-good-file"));
                Files.write(inbox.resolve("bad.json"), Requests.example("payments", "secret-bad-file", SecretsNeverLeakTest::unknownAccount));
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(Path.of(ROOT, "outbox/secret-good-file.result.json"))
                        && Files.exists(Path.of(ROOT, "deadletter/bad.json.failure.json")));
                assertThat(emulator.requestLog()).as("a call was refused with the revoked token").anyMatch(e -> e.status() == 401);
                assertThat(bundle.context().getRegistry().lookupByNameAndType("imsTokenCache", ImsTokenCache.class).fetchCount())
                        .isGreaterThanOrEqualTo(2);

                for (Message m : Stream.concat(results.stream(), deadLetters.stream()).toList()) {
                    seen.add(Jms.text(m));
                    for (String name : Collections.list((java.util.Enumeration<String>) m.getPropertyNames())) {
                        seen.add(name + "=" + m.getObjectProperty(name));
                    }
                }
                assertThat(String.join("\n", seen)).contains("secret-bad-jms").contains("FAILED");
            }
            try (Stream<Path> files = Files.walk(Path.of(ROOT))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    seen.add(f + ":\n" + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            seen.add(logs.text());
            List<String> tokens = emulator.issuedTokens();
            assertThat(tokens).hasSizeGreaterThanOrEqualTo(2);
            assertThat(logs.text()).contains("secret-bad-file").contains("401");   // the capture did see the run

            String everything = String.join("\n", seen);
            assertThat(everything).as("the client secret").doesNotContain(secret)
                    .doesNotContain(java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8));
            for (String token : tokens) {
                assertThat(everything).as("bearer token").doesNotContain(token).doesNotContain(token.split("\\.")[1]);
            }
        }
    }

    /** A request whose source account does not exist: AEP refuses its source connection. */
    private static void unknownAccount(com.fasterxml.jackson.databind.node.ObjectNode request) {
        request.with("source").put("baseConnectionId", "00000000-0000-4000-8000-000000000000");
    }
}
