package io.github.aeponboarding.reliability;

import io.github.aeponboarding.testsupport.Ports;
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
import java.util.stream.IntStream;
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

    private final List<BundleJvm> replicas = new ArrayList<>();
    private final PostgresServer pg = PostgresServer.shared();
    private final EmulatorOptions faulty = EmulatorOptions.defaults().toBuilder().seed(SEED)
            .serverErrorRate(0.05).lostResponseRate(0.03).rateLimitPerSecond(EMULATOR_LIMIT).build();
    private final EmulatorOptions calm = faulty.toBuilder().serverErrorRate(0).lostResponseRate(0).rateLimitPerSecond(0).build();   // test's reads
    private AepEmulator emulator;
    private Jms jms;
    private Path inbox;

    @Test
    @Timeout(value = 9, unit = TimeUnit.MINUTES)
    void three_replicas_sharing_store_broker_and_inbox_create_each_resource_once() throws Exception {
        BundleTest.clean(ROOT);
        inbox = Files.createDirectories(Path.of(ROOT, "inbox"));
        String dbUrl = pg.newDatabase(DATABASE);
        try (ArtemisBroker broker = ArtemisBroker.start(Path.of(ROOT, "broker"));
             AepEmulator aepEmulator = AepEmulator.start(faulty);
             Jms client = new Jms(broker.url(), broker.user(), broker.password())) {
            emulator = aepEmulator;
            jms = client;
            for (int r = 1; r <= 3; r++) {
                replicas.add(replica(r, broker, dbUrl));
            }
            try {
                BundleJvm.startAll(replicas, STARTUP);
                List<Map<String, Integer>> inventory = batchWithAReplicaKilled();
                BundleJvm.stopAll(replicas);
                pg.psql(DATABASE, "delete from aep_onboarding");   // the store forgets everything; AEP does not
                assertThat(pg.psql(DATABASE, "select count(*) from aep_onboarding")).isEqualTo("0");
                resubmissionCreatesNothing(inventory);
            } finally {
                replicas.forEach(BundleJvm::close);   // before the broker and the emulator go
            }
        }
    }

    /** Phase 1: 360 messages and 20 files on 3 replicas, one of them killed and restarted; AEP's inventory afterwards. */
    private List<Map<String, Integer>> batchWithAReplicaKilled() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        Map<String, List<String>> results = new TreeMap<>();
        long started = System.nanoTime();
        int messages = 0;
        TreeSet<Integer> filesDue = new TreeSet<>();
        for (int i = 1; i <= REQUESTS; i++) {
            for (int copy = 0; copy < copies(i); copy++, messages++) {
                jms.send(Jms.REQUESTS, Requests.example(Requests.kind(i), id(i)), false);
            }
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
            collect(results, filesDue);
            return count(results) >= total / 3;
        });
        victim.kill();   // SIGKILL: no shutdown hook, in-flight onboardings cut off
        figures.put("results before the SIGKILL of " + victim.name(), count(results));
        figures.put("requests in flight at the kill (ledger open)", pg.psql(DATABASE, "select count(*) from aep_onboarding where not complete"));
        victim.start().awaitReady(STARTUP);
        await("every result and every file done", Duration.ofSeconds(200), results, () -> {
            collect(results, filesDue);
            return count(results) >= total && filesDue.isEmpty() && notDone().isEmpty();
        });
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        drain(results, Duration.ofSeconds(3));   // a result a second time would show up here
        List<RequestLogEntry> log = emulator.requestLog();
        long others = 0;
        for (BundleJvm r : replicas) {
            long n = r.counter("camel_exchanges_total", "routeId=\"aep-jms-trigger\"");
            others += n;
            figures.put("JMS results by " + r.name() + (r == victim ? " after its restart" : ""), n);
        }
        figures.put("JMS results by " + victim.name() + " before the kill (by difference)", count(results) - others);
        List<Message> deadLetters = jms.receive(Jms.DEAD_LETTER, 10, Duration.ofMillis(300));
        List<Message> brokerDlq = jms.receive("DLQ", 10, Duration.ofMillis(300));
        emulator.configure(calm);
        List<Map<String, Integer>> inventory = inventory();
        List<String> baseConnections = baseConnections();
        long platformCalls = log.stream().filter(e -> e.path().startsWith("/data/")).count();
        figures.put("JMS results received", count(results));
        figures.put("JMS result statuses", statuses(results));
        figures.put("file result statuses", IntStream.rangeClosed(1, REQUESTS).filter(ScaleOutTest::file).mapToObj(ScaleOutTest::outcome)
                .collect(Collectors.groupingBy(String::valueOf, TreeMap::new, Collectors.counting())));
        figures.put("dataset base connections in AEP (shared by the sandbox's onboardings)", baseConnections);
        figures.put("faults injected: 503", log.stream().filter(e -> "server_error".equals(e.fault())).count());
        figures.put("faults injected: response lost after commit", log.stream().filter(e -> "lost_response".equals(e.fault())).count());
        figures.put("429 answered by AEP", log.stream().filter(e -> e.status() == 429).count());
        figures.put("AEP calls (IMS included)", log.size());
        figures.put("elapsed, first send to last result (s)", String.format("%.1f", elapsedMs / 1000.0));
        figures.put("AEP calls per second achieved (bundle limit " + BUNDLE_LIMIT + ", AEP's " + EMULATOR_LIMIT + ")",
                String.format("%.1f", platformCalls * 1000.0 / elapsedMs));
        report(figures, "scale-out, phase 1");

        // one per sandbox, shared by every replica: target connections name it, so a request resumed on another replica
        // that uses another one would see its recorded target connection as "from a different definition"
        assertThat(baseConnections).as("dataset base connections of the sandbox").hasSize(1);
        assertThat(results).as("results per request id").hasSize(REQUESTS).allSatisfy((id, statuses) ->
                assertThat(statuses).as(id).hasSize(copies(index(id))).allSatisfy(s -> assertThat(s).isIn("CREATED", "UNCHANGED")));
        assertThat(deadLetters).as("dead letters").isEmpty();
        assertThat(brokerDlq).as("broker DLQ").isEmpty();
        assertThat(Path.of(ROOT, "inbox", ".error").toFile().list()).as("inbox/.error").isNullOrEmpty();
        assertThat(Path.of(ROOT, "deadletter").toFile().list()).as("deadletter folder").isNullOrEmpty();
        for (int i = 1; i <= REQUESTS; i++) {
            if (file(i)) {
                assertThat(Path.of(ROOT, "inbox", ".done", id(i) + ".json")).exists();
                assertThat(outcome(i)).as("outbox/" + id(i) + ".result.json").isIn("CREATED", "UNCHANGED");
            }
            assertThat(inventory.get(i - 1)).as(id(i)).allSatisfy((kind, n) -> assertThat(n).as(kind).isEqualTo(1));
        }
        assertThat(log).as("429s").noneMatch(e -> e.status() == 429);
        return inventory;
    }

    /** Phase 2: the replicas start again on an empty ledger and get all 300 requests again: AEP's inventory stays as it was. */
    private void resubmissionCreatesNothing(List<Map<String, Integer>> before) throws Exception {
        emulator.configure(faulty);
        emulator.clearRequestLog();
        BundleJvm.startAll(replicas, STARTUP);
        long started = System.nanoTime();
        for (int i = 1; i <= REQUESTS; i++) {
            jms.send(Jms.REQUESTS, Requests.example(Requests.kind(i), id(i)), false);
        }
        Map<String, List<String>> results = new TreeMap<>();
        await("every result of the re-submission", Duration.ofSeconds(200), results, () -> {
            collect(results, new TreeSet<>());
            return count(results) >= REQUESTS;
        });
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        drain(results, Duration.ofSeconds(2));
        List<RequestLogEntry> log = emulator.requestLog();
        emulator.configure(calm);
        List<Map<String, Integer>> after = inventory();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("re-submitted requests (ledger emptied)", REQUESTS);
        figures.put("results", count(results));
        figures.put("statuses", statuses(results));
        log.stream().filter(e -> e.path().startsWith("/data/")).collect(Collectors.groupingBy(RequestLogEntry::method, TreeMap::new,
                Collectors.counting())).forEach((method, n) -> figures.put("AEP calls per request: " + method, String.format("%.2f", n / (double) REQUESTS)));
        figures.put("faults injected (503 + lost)", log.stream().filter(e -> e.fault() != null).count());
        figures.put("429 answered by AEP", log.stream().filter(e -> e.status() == 429).count());
        figures.put("resources created anew", diff(before, after));
        figures.put("elapsed (s)", String.format("%.1f", elapsedMs / 1000.0));
        report(figures, "scale-out, phase 2");

        assertThat(results).hasSize(REQUESTS).allSatisfy((id, statuses) ->
                assertThat(statuses).as(id).hasSize(1).allSatisfy(s -> assertThat(s).isIn("CREATED", "UNCHANGED")));
        assertThat(after).as("AEP's inventory after the re-submission").isEqualTo(before);
        assertThat(log).as("429s").noneMatch(e -> e.status() == 429);
        assertThat(jms.receive(Jms.DEAD_LETTER, 1, Duration.ofMillis(300))).as("dead letters").isEmpty();
    }

    /** Ids of the sandbox's dataset base connections, by the bundle's name for it, through AEP's list API. */
    private List<String> baseConnections() throws Exception {
        JsonNode items = AepClient.forEmulator(emulator.baseUrl()).get("/data/foundation/flowservice/connections?property=name=="
                + AepClient.enc("aep-source-onboarding dataset base connection")).path("items");
        List<String> ids = new ArrayList<>();
        items.forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    private List<Map<String, Integer>> inventory() throws Exception {
        return AepInventory.of(AepClient.forEmulator(emulator.baseUrl()), REQUESTS, ScaleOutTest::id, Requests::kind);
    }

    /** Replica n: its own data folder and management port; store, broker, AEP and folders shared; secrets in its environment. */
    private BundleJvm replica(int n, ArtemisBroker broker, String dbUrl) throws Exception {
        Map<String, String> props = new TreeMap<>(Map.of("aep.base-url", emulator.baseUrl(), "aep.ims-url", emulator.baseUrl(),
                "aep.client-id", emulator.options().clientId(), "aep.org-id", emulator.options().orgId(),
                "aep.rate-limit.requests-per-second", String.valueOf(BUNDLE_LIMIT), "onboarding.db-url", dbUrl, "onboarding.db-user", pg.user(),
                "onboarding.broker-url", broker.url(), "onboarding.broker-user", broker.user(), "onboarding.file-min-age-ms", "100"));
        props.putAll(Map.of("onboarding.data-dir", ROOT + "/replica-" + n + "/data", "onboarding.inbox", ROOT + "/inbox",
                "onboarding.outbox", ROOT + "/outbox", "onboarding.deadletter", ROOT + "/deadletter"));
        Map<String, String> secrets = Map.of("AEP_CLIENT_SECRET", emulator.options().clientSecret(),
                "ONBOARDING_DB_PASSWORD", pg.password(), "ONBOARDING_BROKER_PASSWORD", broker.password());
        return new BundleJvm("replica-" + n, props, secrets, Ports.free(), Path.of(ROOT, "replica-" + n + ".log"));
    }

    /** Polls until {@code done}, at most {@code timeout}; on time out fails with what is missing. */
    private static void await(String what, Duration timeout, Map<String, List<String>> results, BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                List<String> missing = IntStream.rangeClosed(1, REQUESTS).filter(i -> results.getOrDefault(id(i), List.of()).size() < copies(i))
                        .mapToObj(ScaleOutTest::id).toList();
                throw new AssertionError("not within " + timeout + ": " + what + "; " + count(results) + " results, short of: "
                        + missing + "; files not done: " + notDone() + "; logs in " + ROOT);
            }
            Thread.sleep(50);
        }
    }

    /** Takes the results waiting on the queue; drops each due file once the batch has about reached its id. */
    private void collect(Map<String, List<String>> results, TreeSet<Integer> filesDue) {
        try {
            drain(results, Duration.ofMillis(20));
            int front = results.keySet().stream().mapToInt(ScaleOutTest::index).max().orElse(0);
            while (!filesDue.isEmpty() && filesDue.first() <= front + 12) {   // 12 JMS consumers: about what is in flight
                int i = filesDue.pollFirst();
                Path part = inbox.resolve(id(i) + ".json.part");   // not matched by the trigger until renamed
                Files.write(part, Requests.example(Requests.kind(i), id(i)));
                Files.move(part, inbox.resolve(id(i) + ".json"), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes results until none arrives for {@code idle}. */
    private void drain(Map<String, List<String>> results, Duration idle) throws Exception {
        for (Message m : jms.receive(Jms.RESULTS, Integer.MAX_VALUE, idle)) {
            JsonNode doc = JSON.readTree(Jms.text(m));
            results.computeIfAbsent(doc.path("id").asText(), k -> new ArrayList<>()).add(doc.path("status").asText());
        }
    }

    private static Map<String, Long> statuses(Map<String, List<String>> results) {
        return results.values().stream().flatMap(List::stream).collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
    }

    private static int count(Map<String, List<String>> results) {
        return results.values().stream().mapToInt(List::size).sum();
    }

    /** Dropped files not finished yet: still in the inbox, or in .done without their result in the outbox. */
    private static List<String> notDone() {
        return IntStream.rangeClosed(1, REQUESTS).filter(ScaleOutTest::file)
                .filter(i -> !Files.exists(Path.of(ROOT, "inbox", ".error", id(i) + ".json")))
                .filter(i -> !(Files.exists(Path.of(ROOT, "inbox", ".done", id(i) + ".json")) && outcome(i) != null))
                .mapToObj(ScaleOutTest::id).toList();
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

    /** Resources in {@code after} that {@code before} did not have. */
    private static int diff(List<Map<String, Integer>> before, List<Map<String, Integer>> after) {
        return IntStream.range(0, before.size()).map(i -> after.get(i).entrySet().stream()
                .mapToInt(e -> Math.max(0, e.getValue() - before.get(i).getOrDefault(e.getKey(), 0))).sum()).sum();
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
