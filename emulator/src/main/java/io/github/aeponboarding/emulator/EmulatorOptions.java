package io.github.aeponboarding.emulator;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the emulator can be told at start (and, for the test controls, at runtime through
 * {@link AepEmulator#configure(EmulatorOptions)} or {@code POST /_emulator/config}).
 * Immutable; derive variants with {@link #toBuilder()}.
 */
public record EmulatorOptions(
        int port,
        String host,
        String clientId,
        String clientSecret,
        String orgId,
        long tokenTtlSeconds,
        long latencyMillis,
        double serverErrorRate,
        double tooManyRequestsRate,
        double lostResponseRate,
        double connectionResetRate,
        int retryAfterSeconds,
        int rateLimitPerSecond,
        long seed,
        Path journal,
        long runDurationMillis,
        double runFailureRate,
        Map<String, String> runOutcomes) {

    public static final String DEFAULT_CLIENT_ID = "aep-emulator-client";
    public static final String DEFAULT_CLIENT_SECRET = "aep-emulator-secret";
    public static final String DEFAULT_ORG_ID = "EMULATOR00000000000000000@AdobeOrg";
    public static final long DEFAULT_TOKEN_TTL_SECONDS = 86399;
    /** How long a flow run stays {@code inProgress}: short, so a person (or a test) sees it end. */
    public static final long DEFAULT_RUN_DURATION_MILLIS = 2000;
    /** The ends a run can have, as Flow Service spells {@code metrics.statusSummary.status}. */
    public static final Set<String> RUN_OUTCOMES = Set.of("success", "failed", "partialSuccess");

    public EmulatorOptions {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535: " + port);
        requireText(host, "host");
        requireText(clientId, "clientId");
        requireText(clientSecret, "clientSecret");
        requireText(orgId, "orgId");
        if (tokenTtlSeconds < 1) throw new IllegalArgumentException("tokenTtlSeconds must be >= 1");
        if (latencyMillis < 0) throw new IllegalArgumentException("latencyMillis must be >= 0");
        requireRate(serverErrorRate, "serverErrorRate");
        requireRate(tooManyRequestsRate, "tooManyRequestsRate");
        requireRate(lostResponseRate, "lostResponseRate");
        requireRate(connectionResetRate, "connectionResetRate");
        if (serverErrorRate + tooManyRequestsRate + lostResponseRate + connectionResetRate > 1.0 + 1e-9) {
            throw new IllegalArgumentException("the fault rates must add up to at most 1");
        }
        if (retryAfterSeconds < 0) throw new IllegalArgumentException("retryAfterSeconds must be >= 0");
        if (rateLimitPerSecond < 0) throw new IllegalArgumentException("rateLimitPerSecond must be >= 0 (0 = off)");
        if (runDurationMillis < 0) throw new IllegalArgumentException("runDurationMillis must be >= 0");
        requireRate(runFailureRate, "runFailureRate");
        runOutcomes = Map.copyOf(runOutcomes == null ? Map.of() : runOutcomes);
        runOutcomes.forEach((table, outcome) -> {
            if (!RUN_OUTCOMES.contains(outcome)) {
                throw new IllegalArgumentException("runOutcomes." + table + " must be one of " + new TreeSet<>(RUN_OUTCOMES) + ": " + outcome);
            }
        });
    }

    public static EmulatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().port(port).host(host).clientId(clientId).clientSecret(clientSecret).orgId(orgId)
                .tokenTtlSeconds(tokenTtlSeconds).latencyMillis(latencyMillis).serverErrorRate(serverErrorRate)
                .tooManyRequestsRate(tooManyRequestsRate).lostResponseRate(lostResponseRate)
                .connectionResetRate(connectionResetRate).retryAfterSeconds(retryAfterSeconds)
                .rateLimitPerSecond(rateLimitPerSecond).seed(seed).journal(journal).runDurationMillis(runDurationMillis)
                .runFailureRate(runFailureRate).runOutcomes(runOutcomes);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
    }

    private static void requireRate(double rate, String name) {
        if (!(rate >= 0.0 && rate <= 1.0)) throw new IllegalArgumentException(name + " must be within 0..1: " + rate);
    }

    /** Mutable builder with the documented defaults. */
    public static final class Builder {
        private int port;
        private String host = "127.0.0.1";
        private String clientId = DEFAULT_CLIENT_ID;
        private String clientSecret = DEFAULT_CLIENT_SECRET;
        private String orgId = DEFAULT_ORG_ID;
        private long tokenTtlSeconds = DEFAULT_TOKEN_TTL_SECONDS;
        private long latencyMillis;
        private double serverErrorRate;
        private double tooManyRequestsRate;
        private double lostResponseRate;
        private double connectionResetRate;
        private int retryAfterSeconds = 1;
        private int rateLimitPerSecond;
        private long seed;
        private Path journal;
        private long runDurationMillis = DEFAULT_RUN_DURATION_MILLIS;
        private double runFailureRate;
        private Map<String, String> runOutcomes = Map.of();

        public Builder port(int v) { port = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder clientSecret(String v) { clientSecret = v; return this; }
        public Builder orgId(String v) { orgId = v; return this; }
        public Builder tokenTtlSeconds(long v) { tokenTtlSeconds = v; return this; }
        public Builder latencyMillis(long v) { latencyMillis = v; return this; }
        public Builder serverErrorRate(double v) { serverErrorRate = v; return this; }
        public Builder tooManyRequestsRate(double v) { tooManyRequestsRate = v; return this; }
        public Builder lostResponseRate(double v) { lostResponseRate = v; return this; }
        public Builder connectionResetRate(double v) { connectionResetRate = v; return this; }
        public Builder retryAfterSeconds(int v) { retryAfterSeconds = v; return this; }
        public Builder rateLimitPerSecond(int v) { rateLimitPerSecond = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder journal(Path v) { journal = v; return this; }
        /** How long each flow run is {@code inProgress} before it ends. */
        public Builder runDurationMillis(long v) { runDurationMillis = v; return this; }
        /** Rate (0..1) of runs that fail, drawn from the seeded generator like the faults. */
        public Builder runFailureRate(double v) { runFailureRate = v; return this; }
        /** Source table (name or path) to the end of its flows' runs: success, failed or partialSuccess. */
        public Builder runOutcomes(Map<String, String> v) { runOutcomes = v; return this; }

        public EmulatorOptions build() {
            return new EmulatorOptions(port, host, clientId, clientSecret, orgId, tokenTtlSeconds, latencyMillis,
                    serverErrorRate, tooManyRequestsRate, lostResponseRate, connectionResetRate, retryAfterSeconds,
                    rateLimitPerSecond, seed, journal, runDurationMillis, runFailureRate, runOutcomes);
        }
    }
}
