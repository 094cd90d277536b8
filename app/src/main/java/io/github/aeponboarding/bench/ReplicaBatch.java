package io.github.aeponboarding.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.emulator.RequestLogEntry;
import io.github.aeponboarding.store.Store;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The batch again, with the bundle as deployed: 1, then 3 processes ({@code Application run}, each in a JVM of
 * its own on this JVM's class path) sharing one store (an embedded H2 reached through its AUTO_SERVER URL) and one
 * broker (the first process's embedded Artemis over TCP), all with the same client-side limit, against one
 * emulator with its own limit. N requests go to {@code aep.onboarding.requests}; elapsed until the N-th result.
 * The shared GCRA limit, not the number of processes, should set the pace: 0 x 429 and about the same throughput.
 * Logs and data folders: {@code target/bench-replicas/}.
 */
final class ReplicaBatch {
    static final int CONSUMERS = 4;   // onboarding.jms-concurrent-consumers, the default, per process
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One run with {@code processes} bundles; {@code perProcess}: JMS onboardings each did (-1 unknown). */
    record Result(int processes, int requests, double elapsedSeconds, long calls, int busiestSecond, int failed, long tooMany,
                  List<Long> perProcess) {
        double onboardingsPerSecond() {
            return requests / elapsedSeconds;
        }

        double callsPerSecond() {
            return calls / elapsedSeconds;
        }
    }

    private final Path root = Path.of("target", "bench-replicas").toAbsolutePath();
    private final List<Process> processes = new ArrayList<>();

    /** Runs the batch of {@code n} for 1 and for 3 processes; the bundle limit is {@code bundleLimit} requests/s for all together. */
    static List<Result> measure(int n, long latency, int emulatorLimit, int bundleLimit, long seed, Map<String, String> extra) throws Exception {
        ReplicaBatch batch = new ReplicaBatch();
        delete(batch.root);
        List<Result> results = new ArrayList<>();
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.builder().latencyMillis(latency).seed(seed)
                .rateLimitPerSecond(emulatorLimit).build())) {
            for (int k : new int[] {1, 3}) {
                results.add(batch.run(emulator, k, n, emulatorLimit, bundleLimit, new BenchRequests(seed), extra));
            }
        }
        return results;
    }

    private Result run(AepEmulator emulator, int k, int n, int emulatorLimit, int bundleLimit, BenchRequests requests,
                       Map<String, String> extra) throws Exception {
        progress("replicas: %d process(es), batch of %d over JMS, emulator limit %d/s, shared bundle limit %d/s; logs in %s",
                k, n, emulatorLimit, bundleLimit, root);
        Path dir = Files.createDirectories(root.resolve("k" + k));
        int brokerPort = freePort();
        String storeUrl = Store.embeddedUrl(dir.resolve("shared"));
        int[] ports = new int[k];
        try {
            for (int p = 1; p <= k; p++) {
                ports[p - 1] = freePort();
                Map<String, String> props = new HashMap<>(extra);
                props.putAll(Map.of("aep.base-url", emulator.baseUrl(), "aep.ims-url", emulator.baseUrl(),
                        "aep.client-id", emulator.options().clientId(), "aep.org-id", emulator.options().orgId(),
                        "aep.rate-limit.requests-per-second", String.valueOf(bundleLimit), "onboarding.file-trigger-enabled", "false",
                        "onboarding.db-url", storeUrl, "onboarding.db-user", "sa",
                        "onboarding.jms-concurrent-consumers", String.valueOf(CONSUMERS)));
                Path own = dir.resolve("p" + p);
                props.putAll(Map.of("onboarding.data-dir", own.resolve("data").toString(), "onboarding.inbox", own.resolve("inbox").toString(),
                        "onboarding.outbox", own.resolve("outbox").toString(), "onboarding.deadletter", own.resolve("deadletter").toString()));
                props.put(p == 1 ? "onboarding.embedded-broker-tcp-port" : "onboarding.broker-url",
                        p == 1 ? String.valueOf(brokerPort) : "tcp://127.0.0.1:" + brokerPort);
                processes.add(start(props, emulator.options().clientSecret(), ports[p - 1], dir.resolve("p" + p + ".log")));
                if (p == 1) {
                    awaitReady(processes.get(0), ports[0]);   // the store's schema and the broker first, then the others
                }
            }
            for (int p = 2; p <= k; p++) {
                awaitReady(processes.get(p - 1), ports[p - 1]);
            }
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort + "?reconnectAttempts=0");
            try (Connection connection = factory.createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("aep.onboarding.requests"));
                MessageConsumer consumer = session.createConsumer(session.createQueue("aep.onboarding.results"));
                // warm-up: a few per process (token, flowSpec and base connection cached, classes loaded), not measured
                int warm = CONSUMERS * k;
                send(session, producer, requests, "rwarm" + k, warm);
                collect(consumer, "rwarm" + k, warm, Duration.ofSeconds(120), new int[1]);
                Thread.sleep(1100);   // both the emulator's window and the shared limit start empty
                emulator.clearRequestLog();
                long[] before = new long[k];
                for (int p = 0; p < k; p++) {
                    before[p] = jmsOnboardings(ports[p]);
                }
                long t0 = System.nanoTime();
                send(session, producer, requests, "r" + k, n);
                int[] failed = new int[1];
                Duration bound = Duration.ofSeconds(60 + 3L * n * 8 / Math.max(1, bundleLimit));
                int received = collect(consumer, "r" + k, n, bound, failed);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                List<RequestLogEntry> log = emulator.requestLog();
                List<Long> perProcess = new ArrayList<>();
                for (int p = 0; p < k; p++) {
                    long now = jmsOnboardings(ports[p]);
                    perProcess.add(now < 0 || before[p] < 0 ? -1 : now - before[p]);
                }
                progress("replicas: %d process(es): %d results in %.2f s, %d AEP calls, %d failed", k, received, elapsed, log.size(), failed[0]);
                return new Result(k, n, elapsed, log.size(), busiestSecond(log), failed[0] + (n - received),
                        log.stream().filter(e -> e.status() == 429).count(), perProcess);
            }
        } finally {
            stopAll();
        }
    }

    private Process start(Map<String, String> props, String secret, int managementPort, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        props.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("io.github.aeponboarding.Application", "run"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("AEP_CLIENT_SECRET", secret);   // not on the command line
        builder.environment().put("CAMEL_MANAGEMENT_PORT", String.valueOf(managementPort));
        return builder.start();
    }

    private static void awaitReady(Process process, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("a bundle process exited with " + process.exitValue() + "; see target/bench-replicas/");
            }
            if (get(port, "/observe/health/ready") != null) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("a bundle process was not ready within 120 s; see target/bench-replicas/");
    }

    private static void send(Session session, MessageProducer producer, BenchRequests requests, String phase, int count) throws JMSException {
        for (int i = 0; i < count; i++) {
            String id = requests.id(phase, i);
            producer.send(session.createTextMessage(new String(requests.request(id), StandardCharsets.UTF_8)));
        }
    }

    /** Takes results of {@code phase} until {@code count} arrived or {@code bound} passed; counts the ones not CREATED. */
    private static int collect(MessageConsumer consumer, String phase, int count, Duration bound, int[] failed)
            throws JMSException, IOException {
        long deadline = System.nanoTime() + bound.toNanos();
        int received = 0;
        while (received < count && System.nanoTime() < deadline) {
            Message m = consumer.receive(200);
            String text = m instanceof TextMessage t ? t.getText()
                    : m instanceof BytesMessage b ? new String(b.getBody(byte[].class), StandardCharsets.UTF_8) : null;
            if (text != null) {
                JsonNode result = JSON.readTree(text);
                if (result.path("id").asText().contains("-" + phase + "-")) {
                    received++;
                    if (!"CREATED".equals(result.path("status").asText())) {
                        failed[0]++;
                    }
                }
            }
        }
        return received;
    }

    /** The most calls the emulator admitted or refused within any one second. */
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

    /** Exchanges the process's JMS trigger route completed ({@code camel_exchanges_total}), or -1. */
    private static long jmsOnboardings(int port) {
        String metrics = get(port, "/observe/metrics");
        if (metrics == null) {
            return -1;
        }
        Matcher m = Pattern.compile("(?m)^camel_exchanges_total\\{([^}]*)\\}\\s+([0-9.eE+-]+)$").matcher(metrics);
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains("routeId=\"aep-jms-trigger\"")) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return Math.round(sum);
    }

    /** The body of a 200 answer from the management port, or null. */
    private static String get(int port, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** SIGKILL to every process started (the broker's owner last), each waited for at most 30 s. */
    private void stopAll() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        processes.clear();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void progress(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }
}
