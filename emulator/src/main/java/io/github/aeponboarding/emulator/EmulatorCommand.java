package io.github.aeponboarding.emulator;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code emulator}: runs the local AEP sandbox standalone until killed. */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Runs a local emulator of the AEP Platform APIs and IMS on one loopback port.")
public class EmulatorCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8180", description = "Port to listen on (0 = any free port). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--client-id", defaultValue = EmulatorOptions.DEFAULT_CLIENT_ID,
            description = "The client id (= x-api-key) IMS accepts. Default: ${DEFAULT-VALUE}")
    String clientId;

    @Option(names = "--client-secret", defaultValue = EmulatorOptions.DEFAULT_CLIENT_SECRET,
            description = "The client secret IMS accepts. Default: ${DEFAULT-VALUE}")
    String clientSecret;

    @Option(names = "--org-id", defaultValue = EmulatorOptions.DEFAULT_ORG_ID,
            description = "The IMS org tokens are issued for (x-gw-ims-org-id). Default: ${DEFAULT-VALUE}")
    String orgId;

    @Option(names = "--token-ttl", defaultValue = "86399", description = "Token lifetime in seconds. Default: ${DEFAULT-VALUE}")
    long tokenTtl;

    @Option(names = "--latency", defaultValue = "0", description = "Milliseconds slept before each request. Default: ${DEFAULT-VALUE}")
    long latency;

    @Option(names = "--fault-5xx", defaultValue = "0", description = "Rate (0..1) of injected 503 answers")
    double fault5xx;

    @Option(names = "--fault-429", defaultValue = "0", description = "Rate (0..1) of injected 429 answers with Retry-After")
    double fault429;

    @Option(names = "--fault-lost", defaultValue = "0", description = "Rate (0..1) of writes committed whose response is lost")
    double faultLost;

    @Option(names = "--fault-reset", defaultValue = "0", description = "Rate (0..1) of connections closed before anything is read")
    double faultReset;

    @Option(names = "--retry-after", defaultValue = "1", description = "Retry-After seconds of injected 429s. Default: ${DEFAULT-VALUE}")
    int retryAfter;

    @Option(names = "--rate-limit", defaultValue = "0", description = "Requests per second before 429 (0 = off)")
    int rateLimit;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the fault sequence. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--run-duration-ms", defaultValue = "" + EmulatorOptions.DEFAULT_RUN_DURATION_MILLIS,
            description = "How long each flow run is inProgress. Default: ${DEFAULT-VALUE}")
    long runDurationMillis;

    @Option(names = "--run-failure-rate", defaultValue = "0", description = "Rate (0..1) of flow runs that fail (seeded)")
    double runFailureRate;

    @Option(names = "--run-outcome", paramLabel = "TABLE=OUTCOME",
            description = "The end of every run of a flow reading this source table: success, failed or partialSuccess (repeatable)")
    java.util.Map<String, String> runOutcomes = new java.util.LinkedHashMap<>();

    /** The options the command line describes. */
    EmulatorOptions options() {
        return EmulatorOptions.builder().port(port).host(host).clientId(clientId).clientSecret(clientSecret)
                .orgId(orgId).tokenTtlSeconds(tokenTtl).latencyMillis(latency).serverErrorRate(fault5xx)
                .tooManyRequestsRate(fault429).lostResponseRate(faultLost).connectionResetRate(faultReset)
                .retryAfterSeconds(retryAfter).rateLimitPerSecond(rateLimit).seed(seed).runDurationMillis(runDurationMillis)
                .runFailureRate(runFailureRate).runOutcomes(runOutcomes).build();
    }

    @Override
    public Integer call() throws InterruptedException {
        AepEmulator emulator = AepEmulator.start(options());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "aep-emulator-shutdown"));
        printBanner(emulator, System.out);
        stopped.await();
        return 0;
    }

    static void printBanner(AepEmulator emulator, PrintStream out) {
        EmulatorOptions options = emulator.options();
        out.println("AEP emulator ready on " + emulator.baseUrl());
        out.println("  IMS token:      POST " + emulator.baseUrl() + "/ims/token/v3");
        out.println("  Platform root:  " + emulator.baseUrl() + "  (use it in place of https://platform.adobe.io)");
        out.println("  Admin:          " + emulator.baseUrl() + "/_emulator/ (requests, reset, config, seed)");
        out.println("Credentials:");
        out.println("  client_id     = " + options.clientId());
        out.println("  client_secret = " + options.clientSecret());
        out.println("  org id        = " + options.orgId());
        out.println("  scope         = any non-empty scope; tenant id = " + SeedData.TENANT_ID
                + "; any lower-case x-sandbox-name is a sandbox");
        out.println("Seeded in every sandbox:");
        SeedData.summary().forEach((what, id) -> out.println("  " + what + ": " + id));
        out.println("Controls: latency=" + options.latencyMillis() + "ms 5xx=" + options.serverErrorRate() + " 429="
                + options.tooManyRequestsRate() + " lost=" + options.lostResponseRate() + " reset=" + options.connectionResetRate()
                + " rate-limit=" + options.rateLimitPerSecond() + "/s seed=" + options.seed() + " token-ttl=" + options.tokenTtlSeconds() + "s"
                + " run-duration=" + options.runDurationMillis() + "ms run-failure-rate=" + options.runFailureRate()
                + (options.runOutcomes().isEmpty() ? "" : " run-outcomes=" + new java.util.TreeMap<>(options.runOutcomes())));
        out.flush();
    }
}
