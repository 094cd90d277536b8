package io.github.aeponboarding.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The benchmark harness at a tiny size, only to prove that it runs end to end and prints its figures.
 * Speed is measured by the benchmark itself, never by a timed unit test: nothing here asserts a time.
 */
class BenchCommandTest {
    @Test
    void a_tiny_run_prints_every_figure() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("--latency", "5", "--samples", "3", "--warmup", "2", "--batch", "10",
                "--batch-concurrency", "4", "--rate-limit", "200", "--overhead-samples", "3", "--seed", "7",
                "--replicas-batch", "0",   // the 1- and 3-process batch starts JVMs: the real bench runs it
                "--wire-proxy", "../shared/tools/latency_proxy.py", "--wire-latency", "5", "--wire-warmup", "2", "--wire-samples", "3",
                "--cli-samples", "1");   // surefire runs before the jar exists: the command line runs from the class path
        String report = out.toString();

        assertThat(exit).as(report).isIn(0, 1);   // 1 = a timing target missed on a busy machine, still a working run
        assertThat(report).contains("(a) sequential tutorial, median / p95", "(b) bundle, median / p95",
                "speed-up sequential / bundle", "round trips per re-submit", "% of what AEP's limit allows", "% of what the bundle's limit allows",
                "peak heap used", "overhead per step", "RESULT:");
        // what the run did, not how fast: every onboarding succeeded with the expected number of calls
        assertThat(report).containsPattern("\\(a\\) sequential tutorial.*11 round trips each");
        assertThat(report).containsPattern("\\(b\\) bundle.*8 round trips each, 0 failed");
        assertThat(report).containsPattern("round trips per re-submit \\(max\\) +1 ");
        assertThat(report).containsPattern("failed requests +0 ");
        assertThat(report).doesNotContain("last failure");
        // the independent instrument: the latency proxy's own log, 3 onboardings of 8 calls each
        assertThat(report).containsPattern("bundle, median / p95 .* 8 round trips each, 0 failed; latency_proxy.py started by the bench, \\+5 ms");
        assertThat(report).containsPattern("answer -> dependent request, median / max .* over \\d+ calls");
        // the one-shot command line, each run a new JVM: both ways onboarded, and said nothing on stderr
        assertThat(report).contains("launched as", "java -cp <class path: classes and dependencies> io.github.aeponboarding.Application onboard FILE");
        assertThat(report).containsPattern("java -jar: wall median / p95 / max .* 0 failed");
        assertThat(report).containsPattern("with bin/aep's flags: wall median / p95 / max .* 0 failed");
        assertThat(report).containsPattern("java -jar: lines on stderr \\(max\\) +0 ");
        assertThat(report).containsPattern("with bin/aep's flags: lines on stderr \\(max\\) +0 ");
        assertThat(report).contains("one onboard, wall median <= 2 s (bin/aep)");
    }

    @Test
    void bin_aep_starts_one_shot_commands_with_the_flags_the_bench_measures() throws Exception {
        String script = java.nio.file.Files.readString(java.nio.file.Path.of("bin/aep"));
        String flags = script.lines().filter(l -> l.startsWith("flags=(")).findFirst().orElseThrow();
        assertThat(flags).isEqualTo("flags=(" + String.join(" ", CliBench.FAST_FLAGS) + ")");
        assertThat(script).contains("-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=");
    }
}
