package io.github.aeponboarding.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.onboarding.Step;
import java.io.IOException;
import java.io.RandomAccessFile;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bundle on the wire, timed by an independent proxy rather than by the emulator's own latency:
 * {@code latency_proxy.py} (shared/tools) between the bundle and AEP adds a latency to every request
 * and logs each one ({@code t0} when it arrived, {@code t1} when its answer was sent). The bench starts
 * it in front of its emulator ({@code --wire-proxy}), or uses one already running ({@code --wire-url},
 * {@code --wire-log}). A second bundle in this JVM, started as {@code run} starts it, reaches AEP
 * through the proxy; after a warm-up, fresh onboardings one at a time. Per onboarding: the bundle's
 * wall-clock, the window on the wire (first request to last answer), and for every call whose body
 * carries the id of another call of the same onboarding ({@link Step#inputs}) the gap between that
 * answer leaving the proxy and this request reaching it: the bundle's own time between two calls.
 */
final class WireBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the proxy saw of one call: its step, and when the request arrived and the answer left (s). */
    record Call(Step step, double t0, double t1) {
    }

    /** The figures of the section. */
    static final class Result {
        String proxy;
        long latencyMillis;
        final Stats onboarding = new Stats();
        final Stats window = new Stats();
        final Stats gaps = new Stats();
        final Map<Step, Stats> gapsByStep = new EnumMap<>(Step.class);
        int callsMin = Integer.MAX_VALUE;
        int callsMax;
        int failed;
        String lastFailure;
    }

    private WireBench() {
    }

    /**
     * @param proxyScript the proxy to start in front of {@code emulator}, or null to use {@code proxyUrl}
     *                    and {@code proxyLog} (a proxy already running, in front of an emulator with its
     *                    default credentials)
     */
    static Result run(AepEmulator emulator, String proxyScript, String proxyUrl, Path proxyLog, long latencyMillis,
                      int warmup, int samples, int rateLimit, Map<String, String> bundleProperties, BenchRequests requests)
            throws Exception {
        Result r = new Result();
        r.latencyMillis = latencyMillis;
        Process proxy = null;
        Path log = proxyLog;
        String url = proxyUrl;
        EmulatorOptions credentials = EmulatorOptions.defaults();
        try {
            if (proxyScript != null) {
                // the proxy adds the latency: the emulator behind it answers at once
                emulator.configure(emulator.options().toBuilder().latencyMillis(0).rateLimitPerSecond(0).build());
                credentials = emulator.options();
                int port = freePort();
                log = Files.createTempFile("aep-bench-proxy-", ".jsonl");
                proxy = new ProcessBuilder("python3", proxyScript, "--listen", String.valueOf(port), "--upstream", emulator.baseUrl(),
                        "--latency-ms", String.valueOf(latencyMillis), "--log", log.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                url = "http://127.0.0.1:" + port;
                r.proxy = "latency_proxy.py started by the bench, +" + latencyMillis + " ms per request";
            } else {
                r.proxy = "independent proxy at " + url;
            }
            awaitReady(url, proxy);
            try (BundleRunner bundle = BundleRunner.start(url, credentials, rateLimit, bundleProperties)) {
                progress("on the wire: %d warm-up onboardings through %s, then %d one at a time", warmup, url, samples);
                warmUp(bundle, requests, warmup, r);
                for (int i = 0; i < samples; i++) {
                    String id = requests.id("wire", i);
                    long from = Files.size(log);
                    long t0 = System.nanoTime();
                    String status = bundle.onboard(requests.request(id), id);
                    double millis = (System.nanoTime() - t0) / 1_000_000.0;
                    if (!"CREATED".equals(status)) {
                        r.failed++;
                        r.lastFailure = bundle.lastFailure();
                        continue;
                    }
                    // the proxy logs a call once its answer is sent: give the last line a moment
                    Thread.sleep(50);
                    List<Call> calls = calls(read(log, from));
                    r.onboarding.add(millis);
                    r.callsMin = Math.min(r.callsMin, calls.size());
                    r.callsMax = Math.max(r.callsMax, calls.size());
                    if (!calls.isEmpty()) {
                        r.window.add(1000 * (calls.stream().mapToDouble(Call::t1).max().orElseThrow()
                                - calls.stream().mapToDouble(Call::t0).min().orElseThrow()));
                    }
                    gaps(calls).forEach((step, gap) -> {
                        r.gaps.add(gap);
                        r.gapsByStep.computeIfAbsent(step, s -> new Stats()).add(gap);
                    });
                }
            }
        } finally {
            if (proxy != null) {
                proxy.destroy();
                Files.deleteIfExists(log);
            }
        }
        return r;
    }

    /** Enough onboardings for the JIT, several at a time (the proxy's latency would make it slow one by one). */
    private static void warmUp(BundleRunner bundle, BenchRequests requests, int count, Result r) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = requests.id("wire-warm", i);
                done.add(clients.submit(() -> bundle.onboard(requests.request(id), id)));
            }
            for (Future<String> f : done) {
                if (!"CREATED".equals(f.get())) {
                    r.failed++;
                    r.lastFailure = bundle.lastFailure();
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** The Platform calls of one fresh onboarding, named by their path (IMS and the proxy's readiness checks left out). */
    static List<Call> calls(List<JsonNode> lines) {
        List<Call> calls = new ArrayList<>();
        List<JsonNode> schemas = new ArrayList<>();
        for (JsonNode line : lines) {
            String path = line.path("p").asText().split("\\?", 2)[0];
            if (!"POST".equals(line.path("m").asText())) {
                continue;
            }
            Step step = null;
            if (path.endsWith("/schemaregistry/tenant/classes")) {
                step = Step.ADHOC_CLASS;
            } else if (path.endsWith("/schemaregistry/tenant/schemas")) {
                schemas.add(line);
            } else if (path.endsWith("/flowservice/sourceConnections")) {
                step = Step.SOURCE_CONNECTION;
            } else if (path.endsWith("/catalog/dataSets")) {
                step = Step.DATASET;
            } else if (path.endsWith("/flowservice/targetConnections")) {
                step = Step.TARGET_CONNECTION;
            } else if (path.endsWith("/conversion/mappingSets")) {
                step = Step.MAPPING_SET;
            } else if (path.endsWith("/flowservice/connections")) {
                step = Step.DATASET_BASE_CONNECTION;
            } else if (path.endsWith("/flowservice/flows")) {
                step = Step.FLOW;
            }
            if (step != null) {
                calls.add(new Call(step, line.path("t0").asDouble(), line.path("t1").asDouble()));
            }
        }
        // two schemas: the ad hoc one can only be sent once the ad hoc class has answered, the target one goes with the class
        double classAnswered = calls.stream().filter(c -> c.step() == Step.ADHOC_CLASS).mapToDouble(Call::t1).findFirst().orElse(Double.MAX_VALUE);
        for (JsonNode s : schemas) {
            double t0 = s.path("t0").asDouble();
            calls.add(new Call(t0 >= classAnswered ? Step.ADHOC_SCHEMA : Step.TARGET_SCHEMA, t0, s.path("t1").asDouble()));
        }
        calls.sort(Comparator.comparingDouble(Call::t0));
        return calls;
    }

    /** For each call with inputs among these calls: from the last input's answer to this request, in ms. */
    static Map<Step, Double> gaps(List<Call> calls) {
        Map<Step, Call> byStep = new EnumMap<>(Step.class);
        calls.forEach(c -> byStep.put(c.step(), c));
        Map<Step, Double> gaps = new LinkedHashMap<>();
        for (Call c : calls) {
            double inputsAnswered = c.step().inputs().stream().filter(byStep::containsKey)
                    .mapToDouble(in -> byStep.get(in).t1()).max().orElse(Double.NaN);
            if (!Double.isNaN(inputsAnswered)) {
                gaps.put(c.step(), 1000 * (c.t0() - inputsAnswered));
            }
        }
        return gaps;
    }

    /** The complete lines the log gained since {@code from}. */
    private static List<JsonNode> read(Path log, long from) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        return lines;
    }

    private static void awaitReady(String url, Process proxy) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/")).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (proxy != null && !proxy.isAlive()) {
                throw new IllegalStateException("the latency proxy exited with " + proxy.exitValue() + " (python3 on the PATH?)");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the proxy at " + url + " does not answer");
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void progress(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }
}
