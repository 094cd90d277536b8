package io.github.aeponboarding.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.RequestLogEntry;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.AepInventory;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Jms;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import jakarta.jms.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * 200 onboardings over JMS (8 competing consumers) while the emulator fails 10% of the calls with 503,
 * 5% with 429 + Retry-After, loses 2% of the responses after committing the write and resets 1% of the
 * connections: every request ends CREATED, and AEP holds exactly one resource of each kind per request.
 */
class FaultStormTest {
    private static final String ROOT = "target/it/fault-storm";
    private static final int REQUESTS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_request_is_created_once_under_5xx_429_lost_responses_and_resets() throws Exception {
        BundleTest.clean(ROOT);
        try (RunningBundle bundle = RunningBundle.start(ROOT, Map.of(
                "onboarding.jms-trigger-enabled", "true",
                "onboarding.jms-concurrent-consumers", "8",
                "aep.rate-limit.requests-per-second", "400",
                "aep.retry.initial-delay-ms", "20",
                "aep.retry.max-delay-ms", "200"));
             Jms jms = new Jms("vm://0")) {
            AepEmulator emulator = bundle.emulator();
            emulator.configure(emulator.options().toBuilder().seed(20261122L).latencyMillis(0)
                    .serverErrorRate(0.10).tooManyRequestsRate(0.05).lostResponseRate(0.02).connectionResetRate(0.01)
                    .retryAfterSeconds(1).build());
            emulator.clearRequestLog();
            long started = System.nanoTime();
            for (int i = 1; i <= REQUESTS; i++) {
                jms.send(Jms.REQUESTS, Requests.example(Requests.kind(i), id(i)), false);
            }

            List<Message> results = jms.receive(Jms.RESULTS, REQUESTS, Duration.ofSeconds(60));
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            List<RequestLogEntry> log = emulator.requestLog();
            emulator.configure(ResubmissionTest.calm(emulator.options()));

            Map<String, String> status = new HashMap<>();
            for (Message m : results) {
                JsonNode doc = JSON.readTree(Jms.text(m));
                status.merge(doc.path("id").asText(), doc.path("status").asText(), (a, b) -> a + "," + b);
            }
            AepClient aep = BundleTest.aep(bundle.context());
            int duplicates = 0;
            int lost = 0;
            Map<String, Map<String, Integer>> wrong = new TreeMap<>();
            List<Map<String, Integer>> inventory = AepInventory.of(aep, REQUESTS, FaultStormTest::id, Requests::kind);
            for (int i = 1; i <= REQUESTS; i++) {
                Map<String, Integer> counts = inventory.get(i - 1);
                duplicates += counts.values().stream().mapToInt(c -> Math.max(0, c - 1)).sum();
                boolean missing = counts.containsValue(0) || !"CREATED".equals(status.get(id(i)));
                lost += missing ? 1 : 0;
                if (missing || counts.values().stream().anyMatch(c -> c != 1)) {
                    wrong.put(id(i) + " " + status.get(id(i)), counts);
                }
            }

            Map<String, Long> faults = log.stream().filter(e -> e.fault() != null)
                    .collect(Collectors.groupingBy(RequestLogEntry::fault, TreeMap::new, Collectors.counting()));
            Map<String, Long> retries = new TreeMap<>();
            bundle.retryPolicy().retryCounts().forEach((k, v) -> retries.merge(k.substring(k.indexOf('|') + 1), v, Long::sum));
            long lookups = log.stream().filter(e -> e.method().equals("GET") && e.path().contains("==")
                    && !e.path().contains("flowSpecs")).count();
            String table = table(results.size(), log.size(), faults, retries, lookups, duplicates, lost, elapsedMs);
            System.out.println(table);
            Files.createDirectories(Path.of("target/reliability"));
            Files.writeString(Path.of("target/reliability/fault-storm.md"), table);

            assertThat(wrong).as("requests not CREATED exactly once").isEmpty();
            assertThat(results).hasSize(REQUESTS);
            assertThat(status).hasSize(REQUESTS).allSatisfy((id, s) -> assertThat(s).as(id).isEqualTo("CREATED"));
            assertThat(duplicates).isZero();
            assertThat(lost).isZero();
            assertThat(faults).containsKeys("server_error", "too_many_requests", "lost_response", "connection_reset");
            assertThat(jms.receive(Jms.DEAD_LETTER, 1, Duration.ofMillis(200))).as("dead letters").isEmpty();
        }
    }

    private static String id(int i) {
        return String.format("fault-%03d-%s", i, Requests.kind(i));
    }

    private static String table(int results, int calls, Map<String, Long> faults, Map<String, Long> retries, long lookups,
                                int duplicates, int lost, long elapsedMs) {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("requests (JMS, 8 consumers)", REQUESTS);
        rows.put("results received", results);
        rows.put("AEP + IMS calls seen by the emulator", calls);
        faults.forEach((k, v) -> rows.put("faults injected: " + k, v));
        rows.put("faults injected: total", faults.values().stream().mapToLong(Long::longValue).sum());
        retries.forEach((k, v) -> rows.put("retries made: " + k, v));
        rows.put("retries made: total", retries.values().stream().mapToLong(Long::longValue).sum());
        rows.put("lookups by name before a re-POST", lookups);
        rows.put("duplicates found", duplicates);
        rows.put("lost", lost);
        rows.put("elapsed (s)", String.format("%.1f", elapsedMs / 1000.0));
        StringBuilder out = new StringBuilder("| fault storm (seed 20261122) | value |\n|---|---:|\n");
        rows.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        return out.toString();
    }
}
