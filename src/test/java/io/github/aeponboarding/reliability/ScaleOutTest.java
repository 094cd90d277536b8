package io.github.aeponboarding.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.emulator.RequestLogEntry;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.AepInventory;
import io.github.aeponboarding.testsupport.ArtemisBroker;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Jms;
import io.github.aeponboarding.testsupport.PostgresServer;
import io.github.aeponboarding.testsupport.Requests;
import jakarta.jms.Message;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three bundle processes share one PostgreSQL store, one Artemis broker and one inbox folder, against an AEP that
 * fails 5% of the calls with 503, loses 3% of the responses after committing and answers 429 above 60 calls a
 * second. 300 requests over JMS, 60 of them twice at once, 20 of them also dropped as files, one replica killed
 * with SIGKILL mid-batch and started again: one result per message, nothing dead-lettered, no 429, exactly one AEP
 * resource of each kind per request. Then the store's ledger is emptied and everything is sent again: the
 * resources are found by name in AEP and nothing new is created.
 */
class ScaleOutTest {
    private static final String ROOT = "target/it/scaleout";
    private static final String DATABASE = "scaleout";
    private static final int REQUESTS = 300;
    private static final int EMULATOR_LIMIT = 60;
    private static final int BUNDLE_LIMIT = 48;
    private static final long SEED = 20260315L;
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 9, unit = TimeUnit.MINUTES)
    void three_replicas_sharing_store_broker_and_inbox_create_each_resource_once() throws Exception {
        BundleTest.clean(ROOT);
        Path inbox = Files.createDirectories(Path.of(ROOT, "inbox"));
        PostgresServer pg = PostgresServer.shared();
        String dbUrl = pg.newDatabase(DATABASE);
        EmulatorOptions faulty = EmulatorOptions.defaults().toBuilder().seed(SEED).serverErrorRate(0.05).lostResponseRate(0.03)
                .rateLimitPerSecond(EMULATOR_LIMIT).build();
        EmulatorOptions calm = ResubmissionTest.calm(faulty).toBuilder().rateLimitPerSecond(0).build();   // for the test's own reads
        List<BundleJvm> replicas = new ArrayList<>();
        try (ArtemisBroker broker = ArtemisBroker.start(Path.of(ROOT, "broker"));
             AepEmulator emulator = AepEmulator.start(faulty)) {
            for (int r = 1; r <= 3; r++) {
                replicas.add(replica(r, emulator, broker, pg.user(), pg.password(), dbUrl));
            }
            startAll(replicas);
            Map<String, Object> figures = new LinkedHashMap<>();
            Map<String, List<String>> results = new TreeMap<>();
            try (Jms jms = new Jms(broker.url(), broker.user(), broker.password())) {
                // ---- phase 1: the batch, a replica killed in the middle of it
                long started = System.nanoTime();
                int messages = 0;
                for (int i = 1; i <= REQUESTS; i++) {
                    for (int copy = 0; copy < copies(i); copy++, messages++) {
                        jms.send(Jms.REQUESTS, Requests.example(Requests.kind(i), id(i)), false);
                    }
                }
                TreeSet<Integer> filesDue = new TreeSet<>();
                for (int i = 1; i <= REQUESTS; i++) {
                    if (file(i)) {
                        filesDue.add(i);
                    }
                }
                int total = messages;
                figures.put("requests (distinct ids)", REQUESTS);
                figures.put("JMS messages sent (60 ids twice, back to back)", messages);
                figures.put("files dropped into the shared inbox (ids also sent over JMS)", filesDue.size());
                BundleJvm victim = replicas.get(1);
                await("a third of the results", Duration.ofSeconds(150), results, () -> {
                    collect(jms, results, inbox, filesDue);
                    return count(results) >= total / 3;
                });
                victim.kill();   // SIGKILL: no shutdown hook, in-flight onboardings cut off
                figures.put("results before the SIGKILL of " + victim.name(), count(results));
                figures.put("requests in flight at the kill (ledger open)", pg.psql(DATABASE, "select count(*) from aep_onboarding where not complete"));
                victim.start().awaitReady(STARTUP);
                await("every result and every file done", Duration.ofSeconds(200), results, () -> {
                    collect(jms, results, inbox, filesDue);
                    return count(results) >= total && filesDue.isEmpty() && allFilesDone();
                });
                long elapsedMs = (System.nanoTime() - started) / 1_000_000;
                drain(jms, results, Duration.ofSeconds(3));   // a result a second time would show up here
                List<RequestLogEntry> log = emulator.requestLog();
                for (BundleJvm r : replicas) {
                    figures.put("JMS results by " + r.name() + (r == victim ? " (after its restart)" : ""),
                            r.counter("camel_exchanges_total", "routeId=\"jms-trigger\""));
                }
                List<Message> deadLetters = jms.receive(Jms.DEAD_LETTER, 10, Duration.ofMillis(300));
                List<Message> brokerDlq = jms.receive("DLQ", 10, Duration.ofMillis(300));

                emulator.configure(calm);
                AepClient aep = AepClient.forEmulator(emulator.baseUrl());
                List<Map<String, Integer>> inventory = AepInventory.of(aep, REQUESTS, ScaleOutTest::id, Requests::kind);
                long platformCalls = log.stream().filter(e -> e.path().startsWith("/data/")).count();
                figures.put("JMS results received", count(results));
                figures.put("faults injected: 503", log.stream().filter(e -> "server_error".equals(e.fault())).count());
                figures.put("faults injected: response lost after commit", log.stream().filter(e -> "lost_response".equals(e.fault())).count());
                figures.put("429 answered by AEP", log.stream().filter(e -> e.status() == 429).count());
                figures.put("AEP calls (IMS included)", log.size());
                figures.put("elapsed, first send to last result (s)", String.format("%.1f", elapsedMs / 1000.0));
                figures.put("AEP calls per second achieved (bundle limit " + BUNDLE_LIMIT + ", AEP's " + EMULATOR_LIMIT + ")",
                        String.format("%.1f", platformCalls * 1000.0 / elapsedMs));
                figures.put("busiest second seen by AEP (calls)", busiestSecond(log));
                report(figures, "scale-out, phase 1");

                assertThat(results).as("results per request id").hasSize(REQUESTS).allSatisfy((id, statuses) ->
                        assertThat(statuses).as(id).hasSize(copies(index(id))).allSatisfy(s -> assertThat(s).isIn("CREATED", "UNCHANGED")));
                assertThat(deadLetters).as("dead letters").isEmpty();
                assertThat(brokerDlq).as("broker DLQ").isEmpty();
                assertThat(Path.of(ROOT, "inbox", ".error")).doesNotExist();
                assertThat(Path.of(ROOT, "deadletter").toFile().list()).as("deadletter folder").isNullOrEmpty();
                for (int i = 1; i <= REQUESTS; i++) {
                    assertThat(inventory.get(i - 1)).as(id(i)).allSatisfy((kind, n) -> assertThat(n).as(kind).isEqualTo(1));
                }
                assertThat(log).as("429s").noneMatch(e -> e.status() == 429);

                // ---- phase 2: the store's ledger lost, everything sent again
                BundleJvm.stopAll(replicas);
                pg.psql(DATABASE, "delete from aep_onboarding");
                assertThat(pg.psql(DATABASE, "select count(*) from aep_onboarding")).isEqualTo("0");
                emulator.configure(faulty);
                emulator.clearRequestLog();
                startAll(replicas);
                long again = System.nanoTime();
                for (int i = 1; i <= REQUESTS; i++) {
                    jms.send(Jms.REQUESTS, Requests.example(Requests.kind(i), id(i)), false);
                }
                Map<String, List<String>> resubmitted = new TreeMap<>();
                await("every result of the re-submission", Duration.ofSeconds(200), resubmitted, () -> {
                    collect(jms, resubmitted, inbox, new TreeSet<>());
                    return count(resubmitted) >= REQUESTS;
                });
                long againMs = (System.nanoTime() - again) / 1_000_000;
                drain(jms, resubmitted, Duration.ofSeconds(2));
                List<RequestLogEntry> log2 = emulator.requestLog();
                emulator.configure(calm);
                List<Map<String, Integer>> after = AepInventory.of(aep, REQUESTS, ScaleOutTest::id, Requests::kind);
                Map<String, Object> second = new LinkedHashMap<>();
                second.put("re-submitted requests (ledger emptied)", REQUESTS);
                second.put("results", count(resubmitted));
                second.put("statuses", resubmitted.values().stream().flatMap(List::stream)
                        .collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting())));
                log2.stream().filter(e -> e.path().startsWith("/data/")).collect(Collectors.groupingBy(RequestLogEntry::method,
                        TreeMap::new, Collectors.counting())).forEach((method, n) ->
                        second.put("AEP calls per request: " + method, String.format("%.2f", n / (double) REQUESTS)));
                second.put("faults injected (503 + lost)", log2.stream().filter(e -> e.fault() != null).count());
                second.put("429 answered by AEP", log2.stream().filter(e -> e.status() == 429).count());
                second.put("resources created anew", diff(inventory, after));
                second.put("elapsed (s)", String.format("%.1f", againMs / 1000.0));
                report(second, "scale-out, phase 2");

                assertThat(resubmitted).hasSize(REQUESTS).allSatisfy((id, statuses) ->
                        assertThat(statuses).as(id).hasSize(1).allSatisfy(s -> assertThat(s).isIn("CREATED", "UNCHANGED")));
                assertThat(after).as("AEP's inventory after the re-submission").isEqualTo(inventory);
                assertThat(log2).as("429s").noneMatch(e -> e.status() == 429);
                assertThat(jms.receive(Jms.DEAD_LETTER, 1, Duration.ofMillis(300))).as("dead letters").isEmpty();
            }
        } finally {
            replicas.forEach(BundleJvm::close);
        }
    }

    private static BundleJvm replica(int n, AepEmulator emulator, ArtemisBroker broker, String dbUser, String dbPassword, String dbUrl)
            throws Exception {
        Map<String, String> props = new TreeMap<>(Map.of(
                "aep.base-url", emulator.baseUrl(), "aep.ims-url", emulator.baseUrl(),
                "aep.client-id", emulator.options().clientId(), "aep.org-id", emulator.options().orgId(),
                "aep.rate-limit.requests-per-second", String.valueOf(BUNDLE_LIMIT),
                "onboarding.db-url", dbUrl, "onboarding.db-user", dbUser,
                "onboarding.broker-url", broker.url(), "onboarding.broker-user", broker.user(),
                "onboarding.file-min-age-ms", "100"));
        props.putAll(Map.of("onboarding.data-dir", ROOT + "/replica-" + n + "/data", "onboarding.inbox", ROOT + "/inbox",
                "onboarding.outbox", ROOT + "/outbox", "onboarding.deadletter", ROOT + "/deadletter"));
        Map<String, String> secrets = Map.of("AEP_CLIENT_SECRET", emulator.options().clientSecret(),
                "ONBOARDING_DB_PASSWORD", dbPassword, "ONBOARDING_BROKER_PASSWORD", broker.password());
        try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return new BundleJvm("replica-" + n, props, secrets, free.getLocalPort(), Path.of(ROOT, "replica-" + n + ".log"));
        }
    }

    private static void startAll(List<BundleJvm> replicas) throws Exception {
        for (BundleJvm r : replicas) {
            r.start();
        }
        for (BundleJvm r : replicas) {
            r.awaitReady(STARTUP);
        }
    }

    /** Polls until {@code done}, at most {@code timeout}; on time out fails with what is missing. */
    private static void await(String what, Duration timeout, Map<String, List<String>> results, BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                List<String> missing = new ArrayList<>();
                for (int i = 1; i <= REQUESTS; i++) {
                    if (results.getOrDefault(id(i), List.of()).size() < copies(i)) {
                        missing.add(id(i));
                    }
                }
                throw new AssertionError("not within " + timeout + ": " + what + "; " + count(results) + " results, short of: "
                        + missing + "; files not done: " + notDone() + "; logs in " + ROOT);
            }
            Thread.sleep(50);
        }
    }

    /** Takes the results waiting on the queue; drops each due file once the batch has about reached its id. */
    private static void collect(Jms jms, Map<String, List<String>> results, Path inbox, TreeSet<Integer> filesDue) {
        try {
            for (Message m : jms.receive(Jms.RESULTS, Integer.MAX_VALUE, Duration.ofMillis(20))) {
                JsonNode doc = JSON.readTree(Jms.text(m));
                results.computeIfAbsent(doc.path("id").asText(), k -> new ArrayList<>()).add(doc.path("status").asText());
            }
            int front = results.keySet().stream().mapToInt(ScaleOutTest::index).max().orElse(0);
            while (!filesDue.isEmpty() && filesDue.first() <= front + 12) {   // 12 JMS consumers: about what is in flight
                int i = filesDue.pollFirst();
                Path part = inbox.resolve(id(i) + ".json.part");
                Files.write(part, Requests.example(Requests.kind(i), id(i)));
                Files.move(part, inbox.resolve(id(i) + ".json"), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void drain(Jms jms, Map<String, List<String>> results, Duration idle) throws Exception {
        for (Message m : jms.receive(Jms.RESULTS, Integer.MAX_VALUE, idle)) {
            JsonNode doc = JSON.readTree(Jms.text(m));
            results.computeIfAbsent(doc.path("id").asText(), k -> new ArrayList<>()).add(doc.path("status").asText());
        }
    }

    private static int count(Map<String, List<String>> results) {
        return results.values().stream().mapToInt(List::size).sum();
    }

    private static List<String> notDone() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= REQUESTS; i++) {
            if (file(i) && !(Files.exists(Path.of(ROOT, "inbox", ".done", id(i) + ".json")) && outcome(i) != null)) {
                out.add(id(i));
            }
        }
        return out;
    }

    private static boolean allFilesDone() {
        return notDone().isEmpty();
    }

    /** The status in {@code outbox/<id>.result.json}, or null while it is not there. */
    private static String outcome(int i) {
        File f = Path.of(ROOT, "outbox", id(i) + ".result.json").toFile();
        try {
            return f.exists() ? JSON.readTree(f).path("status").asText() : null;
        } catch (Exception halfWritten) {
            return null;
        }
    }

    /** The most calls AEP received within any one second. */
    private static int busiestSecond(List<RequestLogEntry> log) {
        List<Long> t = log.stream().map(e -> e.time().toEpochMilli()).sorted().toList();
        int best = 0;
        for (int lo = 0, hi = 0; hi < t.size(); hi++) {
            while (t.get(hi) - t.get(lo) >= 1000) {
                lo++;
            }
            best = Math.max(best, hi - lo + 1);
        }
        return best;
    }

    private static int diff(List<Map<String, Integer>> before, List<Map<String, Integer>> after) {
        int created = 0;
        for (int i = 0; i < before.size(); i++) {
            for (Map.Entry<String, Integer> e : after.get(i).entrySet()) {
                created += Math.max(0, e.getValue() - before.get(i).getOrDefault(e.getKey(), 0));
            }
        }
        return created;
    }

    private static void report(Map<String, Object> rows, String title) throws Exception {
        StringBuilder out = new StringBuilder("| " + title + " (seed " + SEED + ") | value |\n|---|---:|\n");
        rows.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        System.out.println(out);
        Files.createDirectories(Path.of("target/reliability"));
        Path file = Path.of("target/reliability/scale-out.md");
        Files.writeString(file, (title.endsWith("1") ? "" : Files.readString(file) + "\n") + out);
    }

    /** Every fifth id is sent twice, back to back, so that the copies reach different replicas at about the same time. */
    private static int copies(int i) {
        return i % 5 == 0 ? 2 : 1;
    }

    /** 20 ids are also dropped as files: 10 of those sent twice (3 arrivals), 10 sent once (2 arrivals). */
    private static boolean file(int i) {
        return i % 30 == 0 || i % 30 == 1;
    }

    private static String id(int i) {
        return String.format("scale-%03d-%s", i, Requests.kind(i));
    }

    private static int index(String id) {
        return Integer.parseInt(id.substring(6, 9));
    }
}
