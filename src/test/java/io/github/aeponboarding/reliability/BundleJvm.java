package io.github.aeponboarding.reliability;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code io.github.aeponboarding.testsupport.BundleRun} (the application's {@code Application run}) in a JVM of its own, on the test class path, in the project
 * folder: settings as {@code -D} properties, secrets only in the environment, its own management port (health
 * for readiness, metrics for its counters). Output is appended to one log across restarts, each start marked.
 */
final class BundleJvm implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Map<String, String> properties;
    private final Map<String, String> secrets;
    private final int managementPort;
    private final Path log;
    private Process process;
    private int starts;

    /** A bundle not started yet: {@code properties} become {@code -D} options, {@code secrets} environment variables. */
    BundleJvm(String name, Map<String, String> properties, Map<String, String> secrets, int managementPort, Path log) {
        this.name = name;
        this.properties = Map.copyOf(properties);
        this.secrets = Map.copyOf(secrets);
        this.managementPort = managementPort;
        this.log = log;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** Starts the JVM (again, on the same settings); does not wait: see {@link #awaitReady}. */
    synchronized BundleJvm start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                "-Dlog4j2.configurationFile=src/test/resources/log4j2-test.properties"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("io.github.aeponboarding.testsupport.BundleRun", "run"));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.writeString(log, "==== " + name + " start " + (++starts) + " ====\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File("."))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(secrets);   // never on the command line
        builder.environment().put("CAMEL_MANAGEMENT_PORT", String.valueOf(managementPort));
        process = builder.start();
        return this;
    }

    /** Waits (at most {@code timeout}) until {@code /observe/health/ready} answers 200; fails when the JVM exits or time is up. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                int status = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
                last = "ready: " + status;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + " (" + last + "); see " + log);
    }

    /**
     * The sum of a Prometheus counter's samples whose labels contain {@code label} (e.g. {@code routeId="aep-jms-trigger"}),
     * or -1 when the metrics cannot be read.
     */
    long counter(String metric, String label) {
        try {
            String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\}\\s+([0-9.eE+-]+)$").matcher(text);
            double sum = 0;
            while (m.find()) {
                if (m.group(1).contains(label)) {
                    sum += Double.parseDouble(m.group(2));
                }
            }
            return Math.round(sum);
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop (waits at most 30 s for the process to be gone). */
    synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM (the bundle finishes what is in flight), SIGKILL after 40 s. */
    synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** Starts all, then waits until each is ready (at most {@code timeout} each). */
    static void startAll(List<BundleJvm> bundles, Duration timeout) throws IOException, InterruptedException {
        for (BundleJvm b : bundles) {
            b.start();
        }
        for (BundleJvm b : bundles) {
            b.awaitReady(timeout);
        }
    }

    /** SIGTERM to all at once, then waits for each as {@link #stop()} does. */
    static void stopAll(List<BundleJvm> bundles) throws InterruptedException {
        for (BundleJvm b : bundles) {
            synchronized (b) {
                if (b.process != null) {
                    b.process.destroy();
                }
            }
        }
        for (BundleJvm b : bundles) {
            b.stop();
        }
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
