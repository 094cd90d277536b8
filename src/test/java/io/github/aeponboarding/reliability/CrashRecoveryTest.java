package io.github.aeponboarding.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.AepInventory;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Jms;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.StoreRows;
import jakarta.jms.Message;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundle in a JVM of its own (embedded broker with its journal on disk, loopback TCP acceptor),
 * killed with SIGKILL in the middle of a JMS batch (and of a few dropped files) and started again on the
 * same data folder: every request completes, exactly one result each, exactly one AEP resource of each
 * kind each; every file ends in inbox/.done with its result, none lost.
 */
class CrashRecoveryTest {
    private final String root = "target/it/" + getClass().getSimpleName();
    private static final int REQUESTS = 30;
    private static final int FILES = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the bundle keeps its store (nothing: the embedded default); {@link CrashRecoveryOnPostgresTest} overrides it. */
    Map<String, String> store() {
        return Map.of();
    }

    @Test
    void a_batch_killed_mid_flight_completes_exactly_once_after_restart() throws Exception {
        BundleTest.clean(root);
        Files.createDirectories(Path.of(root));
        Map<String, String> store = store();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String brokerUrl = "tcp://127.0.0.1:" + port + "?reconnectAttempts=0";
        Map<String, List<String>> results = new TreeMap<>();
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.defaults().toBuilder().latencyMillis(100).build())) {
            Process bundle = startBundle(emulator, port, 1, store);
            int resultsBeforeKill;
            long inFlightAtKill;
            try {
                Path inbox = Files.createDirectories(Path.of(root, "inbox"));
                for (int i = 1; i <= FILES; i++) {
                    Files.write(inbox.resolve(fileId(i) + ".json"), Requests.example(Requests.kind(i), fileId(i)));
                }
                try (Jms jms = connect(brokerUrl)) {
                    for (int i = 1; i <= REQUESTS; i++) {
                        jms.send(Jms.REQUESTS, Requests.example(Requests.kind(i), id(i)), false);
                    }
                    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
                        collect(jms, results);
                        return results.size() >= REQUESTS / 4;
                    });
                    bundle.destroyForcibly();   // SIGKILL on Linux: no shutdown hook, no graceful stop
                    bundle.waitFor();
                    resultsBeforeKill = results.size();
                }
                inFlightAtKill = unfinishedLedgerRecords(store);
            } finally {
                bundle.destroyForcibly();
            }

            Process restarted = startBundle(emulator, port, 2, store);
            try (Jms jms = connect(brokerUrl)) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    collect(jms, results);
                    return results.size() >= REQUESTS && allFilesDone();
                });
                collect(jms, results);   // anything a second time would show up here
                assertThat(jms.receive(Jms.DEAD_LETTER, 1, Duration.ofMillis(200))).as("dead letters").isEmpty();
            } finally {
                restarted.destroyForcibly();
                restarted.waitFor();
            }

            AepClient aep = AepClient.forEmulator(emulator.baseUrl());
            List<Map<String, Integer>> inventory = AepInventory.of(aep, REQUESTS, CrashRecoveryTest::id, Requests::kind);
            System.out.printf("crash test: %d requests, %d results before SIGKILL, %d in flight at the kill, %d results after restart%n",
                    REQUESTS, resultsBeforeKill, inFlightAtKill, results.size() - resultsBeforeKill);
            Files.createDirectories(Path.of("target/reliability"));
            Files.writeString(Path.of("target/reliability/" + getClass().getSimpleName() + ".md"), String.format(
                    "| crash test | value |%n|---|---:|%n| requests (JMS, 4 consumers) | %d |%n| results before SIGKILL | %d |%n"
                            + "| requests in flight at the kill (ledger open) | %d |%n| results after restart | %d |%n| results per request | 1 |%n"
                            + "| files dropped beside the batch (all in .done, one of each resource) | " + FILES + " |%n",
                    REQUESTS, resultsBeforeKill, inFlightAtKill, results.size() - resultsBeforeKill));

            assertThat(inFlightAtKill).as("the kill hit requests in flight").isPositive();
            assertThat(results).hasSize(REQUESTS).allSatisfy((id, statuses) -> assertThat(statuses).as(id).hasSize(1)
                    .allSatisfy(s -> assertThat(s).isIn("CREATED", "UNCHANGED")));
            for (int i = 1; i <= REQUESTS; i++) {
                assertThat(inventory.get(i - 1)).as(id(i)).allSatisfy((kind, count) -> assertThat(count).as(kind).isEqualTo(1));
            }
            List<Map<String, Integer>> files = AepInventory.of(aep, FILES, CrashRecoveryTest::fileId, Requests::kind);
            for (int i = 1; i <= FILES; i++) {
                assertThat(files.get(i - 1)).as(fileId(i)).allSatisfy((kind, count) -> assertThat(count).as(kind).isEqualTo(1));
                JsonNode result = JSON.readTree(Path.of(root, "outbox", fileId(i) + ".result.json").toFile());
                assertThat(result.path("status").asText()).isIn("CREATED", "UNCHANGED");
            }
            assertThat(Path.of(root, "inbox", ".error")).doesNotExist();
        }
    }

    private Process startBundle(AepEmulator emulator, int brokerPort, int run, Map<String, String> store) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-cp", classpath,
                "-Dlog4j2.configurationFile=src/test/resources/log4j2-test.properties",
                "-Daep.base-url=" + emulator.baseUrl(), "-Daep.ims-url=" + emulator.baseUrl(),
                "-Daep.client-id=" + emulator.options().clientId(), "-Daep.org-id=" + emulator.options().orgId(),
                "-Donboarding.data-dir=" + root + "/data", "-Donboarding.inbox=" + root + "/inbox",
                "-Donboarding.outbox=" + root + "/outbox", "-Donboarding.deadletter=" + root + "/deadletter",
                "-Donboarding.file-min-age-ms=100", "-Donboarding.embedded-broker-tcp-port=" + brokerPort,
                "io.github.aeponboarding.testsupport.BundleRun", "run"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File("."))
                .redirectErrorStream(true).redirectOutput(new File(root + "/bundle-run-" + run + ".log"));
        builder.environment().put("AEP_CLIENT_SECRET", emulator.options().clientSecret());   // not on the command line
        store.forEach((key, value) -> builder.environment().put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return builder.start();
    }

    private static Jms connect(String url) {
        Jms[] jms = new Jms[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            jms[0] = new Jms(url);
            return true;
        });
        return jms[0];
    }

    private static void collect(Jms jms, Map<String, List<String>> results) throws Exception {
        for (Message m : jms.receive(Jms.RESULTS, Integer.MAX_VALUE, Duration.ofMillis(20))) {
            JsonNode doc = JSON.readTree(Jms.text(m));
            results.computeIfAbsent(doc.path("id").asText(), k -> new ArrayList<>()).add(doc.path("status").asText());
        }
    }

    /** Requests whose ledger record is open but not complete: consumed, not finished. */
    private long unfinishedLedgerRecords(Map<String, String> store) throws Exception {
        String where = "aep_onboarding where not complete";
        if (store.isEmpty()) {
            return StoreRows.countEmbedded(Path.of(root, "data"), where);
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(store.get("onboarding.db-url"),
                store.get("onboarding.db-user"), store.get("onboarding.db-password"))) {
            try (var rs = c.createStatement().executeQuery("select count(*) from " + where)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private boolean allFilesDone() {
        for (int i = 1; i <= FILES; i++) {
            if (!Files.exists(Path.of(root, "inbox", ".done", fileId(i) + ".json"))
                    || !Files.exists(Path.of(root, "outbox", fileId(i) + ".result.json"))) {
                return false;
            }
        }
        return true;
    }

    private static String fileId(int i) {
        return String.format("crash-file-%03d-%s", i, Requests.kind(i));
    }

    private static String id(int i) {
        return String.format("crash-%03d-%s", i, Requests.kind(i));
    }
}
