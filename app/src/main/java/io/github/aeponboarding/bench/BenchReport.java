package io.github.aeponboarding.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one benchmark run, the targets against them, and the plain-text table. */
final class BenchReport {
    // setup
    long latencyMillis;
    int samples;
    int warmup;
    long seed;
    int cores;
    long maxHeapMb;
    String loadBefore = "";
    String loadAfter = "";
    String throttleSlices = "";
    long bundleSliceMs = 20;
    // (a) sequential tutorial and (b) bundle, fresh onboardings at latency L
    final Stats sequential = new Stats();
    final Stats bundle = new Stats();
    int sequentialCalls;
    int bundleCallsMin = Integer.MAX_VALUE;
    int bundleCallsMax;
    int bundleFailed;
    // re-submits
    final Stats resubmit = new Stats();
    int resubmitCallsMax;
    int resubmitNotUnchanged;
    // batch
    int batch;
    int batchConcurrency;
    int emulatorLimit;
    int bundleLimit;
    int batchFailed;
    double batchElapsedSeconds;
    long batchCalls;
    long batch429;
    long batchRetries;
    Map<String, Long> batchRetryCounts = Map.of();
    long heapPeakMb;
    long heapPoolPeaksMb;
    long heapLiveAfterMb;
    long gcCount;
    long gcMillis;
    // the batch over JMS with 1 and 3 bundle processes under one limit (empty: skipped)
    List<ReplicaBatch.Result> replicaBatches = List.of();
    // on the wire (WireBench), when asked for
    WireBench.Result wire;
    // the one-shot command line, each run a new JVM (empty: skipped)
    CliBench.Result cli;
    // L = 0
    int overheadSamples;
    final Stats sequentialAtZero = new Stats();
    final Stats bundleAtZero = new Stats();
    int bundleCallsAtZero;
    int tokenFetches;
    String lastFailure;

    private final List<String[]> rows = new ArrayList<>();
    private boolean allPass = true;

    double fourL() {
        return 4.0 * latencyMillis;
    }

    double ratio() {
        return sequential.median() / bundle.median();
    }

    double callsPerOnboarding() {
        return bundleCallsMax == 0 ? Double.NaN : bundleCallsMax;
    }

    double throughput() {
        return batch / batchElapsedSeconds;
    }

    double theoreticalThroughput() {
        return emulatorLimit / callsPerOnboarding();
    }

    double percentOfLimit() {
        return 100.0 * throughput() / theoreticalThroughput();
    }

    double percentOfBundleLimit() {
        return 100.0 * throughput() / (bundleLimit / (1 + bundleSliceMs / 1000.0) / callsPerOnboarding());
    }

    /** Emulator time per call, as the sequential client sees it at L = 0 (HTTP on loopback included). */
    double serviceMillisPerCall() {
        return sequentialAtZero.median() / SequentialTutorialClient.CALLS;
    }

    /** Route overhead per AEP step: the bundle's time at L = 0 beyond the emulator's own service time, per call. */
    double overheadPerStep() {
        return (bundleAtZero.median() - bundleCallsAtZero * serviceMillisPerCall()) / bundleCallsAtZero;
    }

    boolean allPass() {
        return allPass;
    }

    void print(PrintWriter out) {
        rows.clear();
        allPass = true;
        out.println("AEP source onboarding benchmark");
        out.printf(Locale.ROOT, "  emulator latency L = %d ms per call; %d fresh onboardings per side after %d warm-up (L = 0); seed %d%n",
                latencyMillis, samples, warmup, seed);
        out.printf(Locale.ROOT, "  JVM: %d cores available, max heap %d MB; timings are wall-clock on this (possibly shared) machine%n",
                cores, maxHeapMb);
        if (!loadBefore.isEmpty()) {
            out.printf(Locale.ROOT, "  load average (1, 5, 15 min) at start: %s; at end: %s%n", loadBefore, loadAfter);
        }
        out.println();

        section("One fresh onboarding (latency L)");
        row("(a) sequential tutorial, median / p95", ms(sequential.median()) + " / " + ms(sequential.p95()),
                sequentialCalls + " round trips each", null);
        row("(b) bundle, median / p95", ms(bundle.median()) + " / " + ms(bundle.p95()),
                calls(bundleCallsMin, bundleCallsMax) + " round trips each, " + bundleFailed + " failed", null);
        row("bundle median <= 1.2 x 4L", ms(bundle.median()), "target <= " + ms(1.2 * fourL()),
                bundle.median() <= 1.2 * fourL() && bundleFailed == 0);
        row("speed-up sequential / bundle (medians)", String.format(Locale.ROOT, "%.2fx", ratio()), "target >= 2.30x",
                ratio() >= 2.3);

        section("Re-submitting an onboarded request");
        row("latency median / p95", ms(resubmit.median()) + " / " + ms(resubmit.p95()),
                resubmitNotUnchanged + " not UNCHANGED", null);
        row("round trips per re-submit (max)", String.valueOf(resubmitCallsMax), "target <= 2",
                resubmitCallsMax <= 2 && resubmitNotUnchanged == 0);

        section("Batch under the emulator's rate limit");
        row("requests / client threads", batch + " / " + batchConcurrency, "", null);
        row("emulator limit / bundle throttle", emulatorLimit + " / " + bundleLimit + " requests/s", "per sandbox: " + throttleSlices, null);
        row("elapsed", String.format(Locale.ROOT, "%.2f s", batchElapsedSeconds), batchCalls + " AEP calls", null);
        row("throughput", String.format(Locale.ROOT, "%.2f onboardings/s", throughput()),
                String.format(Locale.ROOT, "limit allows %.2f/s (%d req/s / %.0f calls)", theoreticalThroughput(), emulatorLimit, callsPerOnboarding()), null);
        row("% of what AEP's limit allows", String.format(Locale.ROOT, "%.1f %%", percentOfLimit()),
                "the bundle's limit is set under it", null);
        // the bundle's steady rate: its limit, less the spacing that keeps every sliding second under it
        row("% of what the bundle's limit allows", String.format(Locale.ROOT, "%.1f %%", percentOfBundleLimit()),
                "target >= 90 %", percentOfBundleLimit() >= 90.0);
        row("failed requests", String.valueOf(batchFailed), "target 0", batchFailed == 0);
        row("429 answers seen / retries", batch429 + " / " + batchRetries, batchRetryCounts.isEmpty() ? "" : batchRetryCounts.toString(), null);
        row("peak heap used (sampled every 5 ms)", heapPeakMb + " MB", "target < 256 MB", heapPeakMb < 256);
        row("heap pools' peaks (sum) / live after GC", heapPoolPeaksMb + " MB / " + heapLiveAfterMb + " MB",
                gcCount + " GCs, " + gcMillis + " ms", null);

        if (!replicaBatches.isEmpty()) {
            replicaSection();
        }

        if (wire != null) {
            wireSection();
        }

        section("Route overhead (L = 0)");
        row("sequential tutorial, median", ms(sequentialAtZero.median()),
                String.format(Locale.ROOT, "= %.2f ms per call (emulator + HTTP)", serviceMillisPerCall()), null);
        row("bundle, median", ms(bundleAtZero.median()), bundleCallsAtZero + " AEP calls", null);
        row("overhead per step", String.format(Locale.ROOT, "%.2f ms", overheadPerStep()), "target < 2 ms",
                overheadPerStep() < 2.0);
        row("IMS tokens fetched by the bundle", String.valueOf(tokenFetches), "whole run", null);

        if (cli != null) {
            cliSection();
        }

        int w0 = rows.stream().filter(r -> r.length > 1).mapToInt(r -> r[0].length()).max().orElse(10);
        int w1 = rows.stream().filter(r -> r.length > 1).mapToInt(r -> r[1].length()).max().orElse(10);
        for (String[] r : rows) {
            if (r.length == 1) {
                out.println(r[0]);
            } else {
                out.println(String.format(Locale.ROOT, "  %-" + w0 + "s  %" + w1 + "s  %-5s %s", r[0], r[1], r[3], r[2]).stripTrailing());
            }
        }
        out.println();
        out.println(allPass ? "RESULT: all targets pass" : "RESULT: some targets FAIL");
        if (lastFailure != null) {
            out.println("last failure: " + lastFailure);
        }
        out.flush();
    }

    /** One store, one broker, one shared limit: the limit sets the pace, not the number of processes. */
    private void replicaSection() {
        section("Batch throughput for 1 and 3 processes under one limit (JMS, shared store and broker)");
        row("requests per run / emulator limit / bundle limit", replicaBatches.get(0).requests() + " / " + emulatorLimit + " / "
                + bundleLimit + " requests/s", "the bundle limit shared by all processes; " + ReplicaBatch.CONSUMERS + " JMS consumers each", null);
        for (ReplicaBatch.Result b : replicaBatches) {
            String who = b.processes() + (b.processes() == 1 ? " process" : " processes");
            row(who + ": elapsed / AEP calls", String.format(Locale.ROOT, "%.2f s / %d", b.elapsedSeconds(), b.calls()),
                    "busiest second " + b.busiestSecond() + " calls; onboardings per process " + b.perProcess(), null);
            row(who + ": throughput", String.format(Locale.ROOT, "%.2f onboardings/s", b.onboardingsPerSecond()),
                    String.format(Locale.ROOT, "%.1f AEP calls/s = %.1f %% of the limit", b.callsPerSecond(), 100.0 * b.callsPerSecond() / emulatorLimit), null);
            row(who + ": failed / 429 answers", b.failed() + " / " + b.tooMany(), "target 0 / 0", b.failed() == 0 && b.tooMany() == 0);
        }
        ReplicaBatch.Result one = replicaBatches.get(0);
        ReplicaBatch.Result last = replicaBatches.get(replicaBatches.size() - 1);
        row(last.processes() + " processes / 1 process, throughput", String.format(Locale.ROOT, "%.2fx",
                last.onboardingsPerSecond() / one.onboardingsPerSecond()), "about 1: the limit, not the processes, sets the pace", null);
    }

    /** Through an independent proxy: the bundle as a user on a network sees it, and its own time between dependent calls. */
    private void wireSection() {
        double fourL = 4.0 * wire.latencyMillis;
        section("On the wire (an independent proxy adds L' = " + wire.latencyMillis + " ms to every request)");
        row("bundle, median / p95", ms(wire.onboarding.median()) + " / " + ms(wire.onboarding.p95()),
                calls(wire.callsMin, wire.callsMax) + " round trips each, " + wire.failed + " failed; " + wire.proxy, null);
        row("bundle median <= 1.2 x 4L'", ms(wire.onboarding.median()), "target <= " + ms(1.2 * fourL),
                wire.onboarding.median() <= 1.2 * fourL && wire.failed == 0);
        row("first request to last answer, median / p95", ms(wire.window.median()) + " / " + ms(wire.window.p95()),
                "as the proxy saw it", null);
        row("answer -> dependent request, median / max", String.format(Locale.ROOT, "%.2f / %.2f ms", wire.gaps.median(),
                wire.gaps.percentile(100)), String.format(Locale.ROOT, "p95 %.2f ms over %d calls; goal: median <= 2 ms",
                wire.gaps.p95(), wire.gaps.count()), wire.gaps.median() <= 2.0);
        StringBuilder byStep = new StringBuilder();
        wire.gapsByStep.forEach((step, gaps) -> byStep.append(byStep.length() == 0 ? "" : ", ").append(step.routeName())
                .append(String.format(Locale.ROOT, " %.2f", gaps.median())));
        row("  by step, median (ms)", "", byStep.toString(), null);
    }

    /** The command line's start-up: what a person waits for one `onboard`, and what it costs the machine. */
    private void cliSection() {
        section("One-shot command line: onboard of one request, a new JVM each time (emulator at L = 0, its runs end at once)");
        row("launched as", "", cli.launcher + " onboard FILE", null);
        for (CliBench.Way way : List.of(cli.plain, cli.fast)) {
            row(way.name + ": wall median / p95 / max", ms(way.wall.median()) + " / " + ms(way.wall.p95()) + " / "
                    + ms(way.wall.percentile(100)), way.failed + " failed", null);
            row(way.name + ": CPU median / max", ms(way.cpu.median()) + " / " + ms(way.cpu.percentile(100)),
                    "the child's user + system time, all threads", null);
            row(way.name + ": lines on stderr (max)", String.valueOf(way.stderrLinesMax), "WARN and above unless -v", null);
        }
        row("with bin/aep's flags: " + cli.cds, "", String.join(" ", CliBench.FAST_FLAGS), null);
        row("one onboard, wall median <= 2 s (bin/aep)", ms(cli.fast.wall.median()), "target <= " + ms(CliBench.TARGET_MILLIS),
                cli.fast.wall.median() <= CliBench.TARGET_MILLIS && cli.fast.failed == 0 && cli.plain.failed == 0);
    }

    private void section(String title) {
        rows.add(new String[] {title});
    }

    private void row(String label, String value, String note, Boolean pass) {
        String verdict = pass == null ? "" : pass ? "PASS" : "FAIL";
        if (Boolean.FALSE.equals(pass)) {
            allPass = false;
        }
        rows.add(new String[] {label, value, note, verdict});
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f ms", millis);
    }

    private static String calls(int min, int max) {
        return min == max ? String.valueOf(max) : min + ".." + max;
    }
}
