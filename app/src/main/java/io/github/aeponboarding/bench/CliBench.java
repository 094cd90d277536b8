package io.github.aeponboarding.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one-shot command line as a user runs it: {@code onboard examples/crm-salesforce.yaml} (a fresh id
 * each time), one new JVM per request, against an emulator in the bench's JVM (standalone, as far as the
 * command is concerned), reached through the environment ({@code AEP_BASE_URL}, its credentials), with
 * one temporary data folder for all runs (as a user's folder: the first run creates the store).
 * Two ways, alternating sample by sample so that both see the same load: plain {@code java -jar}, and
 * with the flags {@code bin/aep} adds ({@link #FAST_FLAGS} and an AppCDS archive, written by one untimed
 * run first). Per run: wall-clock, the child's CPU time (its process info, read every 10 ms while it
 * runs) and the lines it printed on stderr.
 */
public final class CliBench {
    /** bin/aep's flags for one-shot commands (CliBenchTest checks that the script carries them). */
    public static final List<String> FAST_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
            "-Xlog:disable", "-Xlog:all=warning,cds*=off:stderr");
    static final double TARGET_MILLIS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The runs of one way of starting the command. */
    static final class Way {
        final String name;
        final Stats wall = new Stats();
        final Stats cpu = new Stats();
        int stderrLinesMax;
        int failed;

        Way(String name) {
            this.name = name;
        }
    }

    static final class Result {
        String launcher;
        String cds;
        Way plain = new Way("java -jar");
        Way fast = new Way("with bin/aep's flags");
        String lastFailure;
    }

    private CliBench() {
    }

    static Result run(int samples, long seed) throws Exception {
        Result r = new Result();
        List<String> launcher = launcher();
        r.launcher = "java " + String.join(" ", launcher.subList(1, launcher.size()).stream()
                .map(a -> a.length() > 60 ? "<class path: classes and dependencies>" : a).toList());
        String template = Files.readString(Path.of("examples/crm-salesforce.yaml"));
        Path work = Files.createTempDirectory("aep-bench-cli-");
        EmulatorOptions options = EmulatorOptions.builder().seed(seed).runDurationMillis(0).build();
        try (AepEmulator emulator = AepEmulator.start(options)) {
            Map<String, String> env = Map.of("AEP_BASE_URL", emulator.baseUrl(), "AEP_IMS_URL", emulator.baseUrl(),
                    "AEP_CLIENT_ID", options.clientId(), "AEP_CLIENT_SECRET", options.clientSecret(), "AEP_ORG_ID", options.orgId(),
                    "ONBOARDING_DATA_DIR", work.resolve("data").toString());
            Path archive = work.resolve("cli.jsa");
            // Java 17 archives classes from jars only, and refuses to dump with a directory on the class path
            boolean fromJar = launcher.contains("-jar");
            if (fromJar) {
                progress("command line: one untimed run writes the CDS archive (and creates the store)");
                once(launcher, List.of("-XX:ArchiveClassesAtExit=" + archive), env, request(template, work, "cli-cds"), work, new Way("cds"), r);
            }
            boolean cds = Files.isRegularFile(archive) && Files.size(archive) > 0;
            r.cds = cds ? "AppCDS archive of " + (Files.size(archive) >> 20) + " MB"
                    : fromJar ? "no AppCDS archive (the JVM wrote none)" : "no AppCDS archive (classes from a directory: run from the jar for CDS)";
            List<String> fast = cds ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
            for (int i = 0; i < samples; i++) {
                progress("command line: sample %d of %d", i + 1, samples);
                once(launcher, List.of(), env, request(template, work, "cli-plain-" + seed + "-" + i), work, r.plain, r);
                once(launcher, fast, env, request(template, work, "cli-fast-" + seed + "-" + i), work, r.fast, r);
            }
        } finally {
            delete(work);
        }
        return r;
    }

    /** One {@code onboard} in a new JVM; its figures go to {@code way}. */
    private static void once(List<String> launcher, List<String> extraFlags, Map<String, String> env, Path request, Path work,
                             Way way, Result r) throws Exception {
        List<String> command = new ArrayList<>(launcher.subList(0, 1));
        if (way != r.plain) {
            command.addAll(FAST_FLAGS);
        }
        command.addAll(extraFlags);
        command.addAll(launcher.subList(1, launcher.size()));
        command.addAll(List.of("onboard", request.toString()));
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File("."))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        long t0 = System.nanoTime();
        Process process = builder.start();
        Duration cpu = Duration.ZERO;
        while (!process.waitFor(10, TimeUnit.MILLISECONDS)) {
            cpu = process.info().totalCpuDuration().filter(c -> c.compareTo(Duration.ZERO) > 0).orElse(cpu);
            if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(3)) {
                process.destroyForcibly();
            }
        }
        double wall = (System.nanoTime() - t0) / 1e6;
        List<String> results = Files.readAllLines(out);
        String status = results.size() == 1 && results.get(0).startsWith("{") ? JSON.readTree(results.get(0)).path("status").asText() : "";
        if (way != r.plain && way != r.fast) {
            return;   // the archive's run: the archive, or its absence, is what it leaves
        }
        if (!"CREATED".equals(status) || process.exitValue() != 0) {
            way.failed++;
            r.lastFailure = "command line (" + way.name + "), exit " + process.exitValue() + ": "
                    + String.join(" | ", results) + " " + Files.readString(err).lines().limit(5).collect(Collectors.joining(" | "));
        }
        way.wall.add(wall);
        way.cpu.add(cpu.toNanos() / 1e6);
        way.stderrLinesMax = Math.max(way.stderrLinesMax, (int) Files.readString(err).lines().count());
    }

    /**
     * How to start the application: {@code -jar} the jar this JVM runs from (the packaged bench); else
     * (tests: surefire runs before the jar is packaged) the main class on this class path, without the
     * test classes, whose log configuration would replace the one users get.
     */
    public static List<String> launcher() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            return List.of(java, "-jar", classPath);
        }
        String main = Arrays.stream(System.getProperty("surefire.test.class.path", classPath).split(File.pathSeparator))
                // no test classes, the library's test-jar (its log4j2-test.properties) included
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar")).collect(Collectors.joining(File.pathSeparator));
        return List.of(java, "-cp", main, "io.github.aeponboarding.Application");
    }

    private static Path request(String template, Path work, String id) throws IOException {
        return Files.writeString(work.resolve(id + ".yaml"), template.replaceFirst("(?m)^id: .*$", "id: " + id));
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void progress(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }
}
