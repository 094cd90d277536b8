package io.github.aeponboarding.bench;

import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.emulator.RequestLogEntry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures, in one run against an in-process emulator with a per-call latency, the tutorial's
 * sequential chain of calls beside the bundle: fresh onboardings, re-submits, a batch under a rate
 * limit (throughput, failures, 429s, heap), and the routes' overhead per step at zero latency.
 * Prints a table; exit 0 when every target of the issue passes, 1 otherwise. docs/performance.md
 * explains the method.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the bundle against the tutorial's sequential calls on the AEP emulator; exit 0 when all targets pass.")
public class BenchCommand implements Callable<Integer> {
    @Option(names = "--latency", defaultValue = "50", description = "Emulator latency per call, ms (default ${DEFAULT-VALUE}).")
    long latency;

    @Option(names = "--samples", defaultValue = "30", description = "Fresh onboardings measured per side (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--warmup", defaultValue = "100",
            description = "Onboardings per side at L = 0 before measuring, for the JIT (default ${DEFAULT-VALUE}); then 5 at L.")
    int warmup;

    @Option(names = "--batch", defaultValue = "200", description = "Requests in the batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--batch-concurrency", defaultValue = "32",
            description = "Client threads submitting the batch, like JMS concurrent consumers (default ${DEFAULT-VALUE}).")
    int batchConcurrency;

    @Option(names = "--rate-limit", defaultValue = "100", description = "Emulator rate limit during the batch, requests/s (default ${DEFAULT-VALUE}).")
    int rateLimit;

    @Option(names = "--bundle-rate-limit", defaultValue = "0",
            description = "The bundle's aep.rate-limit.requests-per-second; 0 = 95 %% of --rate-limit (default).")
    int bundleRateLimit;

    @Option(names = "--overhead-samples", defaultValue = "30", description = "Onboardings per side at L = 0 (default ${DEFAULT-VALUE}).")
    int overheadSamples;

    @Option(names = "--replicas-batch", defaultValue = "150",
            description = "Requests of the JMS batch run with 1, then 3 bundle processes sharing one store, broker and limit; 0 = skip (default ${DEFAULT-VALUE}).")
    int replicasBatch;

    @Option(names = "--wire-proxy", paramLabel = "FILE",
            description = "The latency proxy (shared/tools/latency_proxy.py): the bench starts it in front of its emulator and times a second"
                    + " bundle through it (section 'On the wire'); off by default.")
    String wireProxy;

    @Option(names = "--wire-url", paramLabel = "URL",
            description = "Instead of --wire-proxy: a proxy already running in front of an emulator with its default credentials (with --wire-log).")
    String wireUrl;

    @Option(names = "--wire-log", paramLabel = "FILE", description = "The log of the proxy at --wire-url (one JSON line per request).")
    java.nio.file.Path wireLog;

    @Option(names = "--wire-latency", defaultValue = "50",
            description = "Latency the proxy adds per request, ms: what --wire-proxy starts it with, and the 4L' of the target (default ${DEFAULT-VALUE}).")
    long wireLatency;

    @Option(names = "--wire-samples", defaultValue = "30", description = "Fresh onboardings timed on the wire, one at a time (default ${DEFAULT-VALUE}).")
    int wireSamples;

    @Option(names = "--wire-warmup", defaultValue = "100", description = "Onboardings through the proxy before timing (default ${DEFAULT-VALUE}).")
    int wireWarmup;

    @Option(names = "--cli-samples", defaultValue = "5",
            description = "One-shot `onboard` runs, each a new JVM, per way of starting it (java -jar; bin/aep's flags); 0 = skip (default ${DEFAULT-VALUE}).")
    int cliSamples;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the emulator and of the request ids (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bundle-property", paramLabel = "KEY=VALUE",
            description = "A configuration override for the bundle (repeatable), e.g. camel.metrics.enabled=false.")
    Map<String, String> bundleProperties = new java.util.LinkedHashMap<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;


    @Override
    public Integer call() throws Exception {
        BenchReport report = run();
        PrintWriter out = spec == null ? new PrintWriter(System.out, true) : spec.commandLine().getOut();
        report.print(out);
        return report.allPass() ? 0 : 1;
    }

    BenchReport run() throws Exception {
        // the JDK HTTP server writes headers and body separately; without TCP_NODELAY they meet the
        // client's delayed ACK and every keep-alive call takes ~40 ms more than L (read once, at first use)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // the shared limit never lets a sliding second hold more than it; 5 % under AEP's absorbs arrival
        // jitter on a loaded machine (three bundle JVMs on two cores bunch their calls)
        int throttle = bundleRateLimit > 0 ? bundleRateLimit : Math.max(1, (int) Math.floor(rateLimit * 0.95));
        BenchReport r = new BenchReport();
        r.latencyMillis = latency;
        r.samples = samples;
        r.warmup = warmup;
        r.seed = seed;
        r.cores = Runtime.getRuntime().availableProcessors();
        r.maxHeapMb = HeapSampler.maxHeapMb();
        r.emulatorLimit = rateLimit;
        r.bundleLimit = throttle;
        r.bundleSliceMs = Long.parseLong(bundleProperties.getOrDefault("aep.rate-limit.slice-ms", "20"));
        r.throttleSlices = throttle + " requests/s shared through the store, calls up to "
                + bundleProperties.getOrDefault("aep.rate-limit.slice-ms", "20") + " ms ahead of their slot";
        r.loadBefore = loadAverage();
        r.batch = batch;
        r.batchConcurrency = batchConcurrency;
        r.overheadSamples = overheadSamples;
        BenchRequests requests = new BenchRequests(seed);
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.builder().latencyMillis(latency).seed(seed).build());
             BundleRunner bundle = BundleRunner.start(emulator, throttle, withPoolFor(batchConcurrency, bundleProperties))) {
            EmulatorOptions o = emulator.options();
            SequentialTutorialClient tutorial = new SequentialTutorialClient(emulator.baseUrl(), o.clientId(), o.clientSecret(), o.orgId(), "prod");
            // the JIT compiles what runs often: many quick onboardings at L = 0, then a few at L
            progress("warm-up: %d onboardings per side at L = 0, %d at L = %d ms", warmup, Math.min(warmup, 5), latency);
            emulator.configure(emulator.options().toBuilder().latencyMillis(0).build());
            warmUp(emulator, bundle, tutorial, requests, "warm", warmup, r);
            emulator.configure(emulator.options().toBuilder().latencyMillis(latency).build());
            warmUp(emulator, bundle, tutorial, requests, "warm-l", Math.min(warmup, 5), r);
            progress("fresh onboardings: %d per side, alternating", samples);
            for (int i = 0; i < samples; i++) {
                emulator.clearRequestLog();
                long t0 = System.nanoTime();
                tutorial.onboard(requests.id("seq", i));
                r.sequential.add(millisSince(t0));
                r.sequentialCalls = Math.max(r.sequentialCalls, emulator.requestLog().size());

                emulator.clearRequestLog();
                t0 = System.nanoTime();
                String status = bundle.onboard(requests.request(requests.id("fresh", i)), requests.id("fresh", i));
                r.bundle.add(millisSince(t0));
                int calls = emulator.requestLog().size();
                if (!"CREATED".equals(status)) {
                    r.bundleFailed++;
                    r.lastFailure = bundle.lastFailure();
                } else {
                    r.bundleCallsMin = Math.min(r.bundleCallsMin, calls);
                    r.bundleCallsMax = Math.max(r.bundleCallsMax, calls);
                }
            }
            progress("re-submits: %d", samples);
            for (int i = 0; i < samples; i++) {
                emulator.clearRequestLog();
                long t0 = System.nanoTime();
                String status = bundle.onboard(requests.request(requests.id("fresh", i)), requests.id("fresh", i));
                r.resubmit.add(millisSince(t0));
                r.resubmitCallsMax = Math.max(r.resubmitCallsMax, emulator.requestLog().size());
                if (!"UNCHANGED".equals(status)) {
                    r.resubmitNotUnchanged++;
                }
            }
            runBatch(emulator, bundle, requests, r);
            r.tokenFetches = bundle.tokenFetches();
            bundle.close();
            // the routes' own cost: at L = 0 an onboarding's 8 calls come within a few milliseconds, and
            // a rate limit (any) would space them; this bundle's limit is far above what they reach
            try (BundleRunner unlimited = BundleRunner.start(emulator, 100_000, withPoolFor(batchConcurrency, bundleProperties))) {
                runAtZeroLatency(emulator, unlimited, tutorial, requests, r);
            }
            if (wireProxy != null || wireUrl != null) {
                if (wireProxy == null && wireLog == null) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--wire-url needs --wire-log");
                }
                r.wire = WireBench.run(emulator, wireProxy, wireUrl, wireLog, wireLatency, wireWarmup, wireSamples, throttle,
                        withPoolFor(8, bundleProperties), requests);
            }
        }
        if (replicasBatch > 0) {
            r.replicaBatches = ReplicaBatch.measure(replicasBatch, latency, rateLimit, throttle, seed, bundleProperties);
        }
        if (cliSamples > 0) {
            r.cli = CliBench.run(cliSamples, seed);
            r.lastFailure = r.cli.lastFailure != null ? r.cli.lastFailure : r.lastFailure;
        }
        r.loadAfter = loadAverage();
        return r;
    }

    /** The machine's load average (Linux), to judge how shared the cores were; empty elsewhere. */
    private static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    private void runBatch(AepEmulator emulator, BundleRunner bundle, BenchRequests requests, BenchReport r) throws Exception {
        progress("batch: %d requests, %d client threads, emulator limit %d/s, bundle throttle %d/s",
                batch, batchConcurrency, rateLimit, r.bundleLimit);
        emulator.configure(emulator.options().toBuilder().rateLimitPerSecond(rateLimit).build());
        // a fresh window: the emulator's limiter starts empty, and so must the bundle's throttle
        Thread.sleep(1100);
        emulator.clearRequestLog();
        long retriesBefore = bundle.retries();
        ExecutorService clients = Executors.newFixedThreadPool(batchConcurrency);
        List<Future<String>> outcomes = new ArrayList<>();
        try (HeapSampler heap = HeapSampler.start()) {
            long t0 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                String id = requests.id("batch", i);
                outcomes.add(clients.submit(() -> bundle.onboard(requests.request(id), id)));
            }
            for (Future<String> f : outcomes) {
                if (!"CREATED".equals(f.get())) {
                    r.batchFailed++;
                    r.lastFailure = bundle.lastFailure();
                }
            }
            r.batchElapsedSeconds = millisSince(t0) / 1000.0;
            r.heapPeakMb = heap.peakUsedMb();
            r.heapPoolPeaksMb = heap.poolPeaksMb();
            r.gcCount = heap.collections();
            r.gcMillis = heap.collectionMillis();
        } finally {
            clients.shutdownNow();
        }
        List<RequestLogEntry> log = emulator.requestLog();
        r.batchCalls = log.size();
        r.batch429 = log.stream().filter(e -> e.status() == 429).count();
        r.batchRetries = bundle.retries() - retriesBefore;
        r.batchRetryCounts = bundle.retryCounts();
        r.heapLiveAfterMb = HeapSampler.liveAfterGcMb();
        emulator.configure(emulator.options().toBuilder().rateLimitPerSecond(0).build());
    }

    private void runAtZeroLatency(AepEmulator emulator, BundleRunner bundle, SequentialTutorialClient tutorial,
                                  BenchRequests requests, BenchReport r) throws Exception {
        progress("route overhead: L = 0, %d onboardings per side", overheadSamples);
        emulator.configure(emulator.options().toBuilder().latencyMillis(0).build());
        warmUp(emulator, bundle, tutorial, requests, "warm0", Math.min(warmup, 5), r);
        for (int i = 0; i < overheadSamples; i++) {
            long t0 = System.nanoTime();
            tutorial.onboard(requests.id("zero-seq", i));
            r.sequentialAtZero.add(millisSince(t0));
            emulator.clearRequestLog();
            t0 = System.nanoTime();
            String id = requests.id("zero", i);
            String status = bundle.onboard(requests.request(id), id);
            r.bundleAtZero.add(millisSince(t0));
            r.bundleCallsAtZero = Math.max(r.bundleCallsAtZero, emulator.requestLog().size());
            if (!"CREATED".equals(status)) {
                r.bundleFailed++;
                r.lastFailure = bundle.lastFailure();
            }
        }
    }

    private static void warmUp(AepEmulator emulator, BundleRunner bundle, SequentialTutorialClient tutorial, BenchRequests requests,
                               String phase, int count, BenchReport r) throws Exception {
        for (int i = 0; i < count; i++) {
            tutorial.onboard(requests.id(phase + "-seq", i));
            String id = requests.id(phase, i);
            if (!"CREATED".equals(bundle.onboard(requests.request(id), id))) {
                r.bundleFailed++;
                r.lastFailure = bundle.lastFailure();
            }
        }
        emulator.clearRequestLog();
    }

    private static double millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000.0;
    }

    private static void progress(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }

    /**
     * The batch sends its requests straight to direct:aep-onboard, beside the triggers: the store's pool must
     * hold one connection per onboarding in flight (its request lock) besides the default's share.
     */
    private static Map<String, String> withPoolFor(int concurrency, Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.putIfAbsent("onboarding.db-pool-size", String.valueOf(concurrency + 20));
        return all;
    }
}
