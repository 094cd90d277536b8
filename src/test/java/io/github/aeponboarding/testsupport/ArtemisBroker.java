package io.github.aeponboarding.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A standalone ActiveMQ Artemis broker as its own process (shared/notes/servers.md), for tests where
 * several bundles share one broker, as in production, instead of each bundle's embedded one. The
 * distribution comes from the local Maven repository (bin/setup fetches it): Central serves the
 * broker's bin only up to 2.40.0, and the project's 2.44 clients talk to it.
 */
public final class ArtemisBroker implements AutoCloseable {
    public static final String VERSION = "2.40.0";
    public static final String USER = "admin";
    public static final String PASSWORD = "pw";

    private static final Path TARBALL = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "apache", "activemq",
            "apache-artemis", VERSION, "apache-artemis-" + VERSION + "-bin.tar.gz");
    private static final String READY = "AMQ221007";

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread hook;

    private ArtemisBroker(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.hook = new Thread(process::destroyForcibly, "artemis-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Creates a broker instance in {@code dir} (absent or empty) on a free loopback port and runs it until it is active. */
    public static ArtemisBroker start(Path dir) throws IOException, InterruptedException {
        Path home = distribution();
        int port = Ports.free();
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));
        Path instance = dir.toAbsolutePath();
        run(env, List.of(home.resolve("bin/artemis").toString(), "create", instance.toString(), "--user", USER, "--password", PASSWORD,
                "--require-login", "--host", "127.0.0.1", "--default-port", String.valueOf(port), "--no-web", "--no-amqp-acceptor",
                "--no-stomp-acceptor", "--no-mqtt-acceptor", "--no-hornetq-acceptor", "--silent"));
        redeliveryLimit(instance.resolve("etc/broker.xml"));
        Path log = instance.resolve("log/console.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        ArtemisBroker broker = new ArtemisBroker(pb.start(), port, log);
        try {
            broker.awaitActive(60_000);
        } catch (RuntimeException | InterruptedException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    /** The broker's console output (the same lines as its log/artemis.log). */
    public Path log() {
        return log;
    }

    public Map<String, String> properties() {
        return Map.of("onboarding.broker-url", url(), "onboarding.broker-user", USER, "onboarding.broker-password", PASSWORD);
    }

    public Map<String, String> env() {
        return Map.of("ONBOARDING_BROKER_URL", url(), "ONBOARDING_BROKER_USER", USER, "ONBOARDING_BROKER_PASSWORD", PASSWORD);
    }

    /** Stops the broker (SIGTERM: a clean shutdown), forcibly when it takes longer than 20 s. */
    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(20));
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to undo
        }
    }

    private void awaitActive(long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!Files.readString(log).contains(READY)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Artemis exited with " + process.exitValue() + ", see " + log);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Artemis not active after " + timeoutMs + " ms, see " + log);
            }
            Thread.sleep(100);
        }
    }

    /**
     * A message a consumer keeps rolling back moves to DLQ after 5 deliveries rather than the default 10,
     * so poison-message tests end soon (the created broker.xml already names DLQ; added if a later one does not).
     */
    private static void redeliveryLimit(Path brokerXml) throws IOException {
        String xml = Files.readString(brokerXml);
        String anchor = "<address-setting match=\"#\">";
        if (!xml.contains(anchor) || xml.contains("<max-delivery-attempts>")) {
            throw new IllegalStateException("unexpected address settings in " + brokerXml);
        }
        String settings = xml.contains("<dead-letter-address>") ? "" : "<dead-letter-address>DLQ</dead-letter-address>";
        Files.writeString(brokerXml, xml.replace(anchor, anchor + settings + "<max-delivery-attempts>5</max-delivery-attempts>"));
    }

    /** The unpacked distribution under target/it, unpacked once (into a scratch folder first, so concurrent JVMs never see half). */
    private static synchronized Path distribution() throws IOException, InterruptedException {
        Path dist = Path.of("target", "it", "artemis-dist").toAbsolutePath();
        Path home = dist.resolve("apache-artemis-" + VERSION);
        if (Files.isExecutable(home.resolve("bin/artemis"))) {
            return home;
        }
        if (!Files.isRegularFile(TARBALL)) {
            throw new IllegalStateException("Artemis " + VERSION + " distribution missing (" + TARBALL + "): run bin/setup");
        }
        Path scratch = Files.createDirectories(dist).resolve("unpack-" + ProcessHandle.current().pid());
        Files.createDirectories(scratch);
        run(Map.of(), List.of("tar", "xzf", TARBALL.toString(), "-C", scratch.toString()));
        try {
            Files.move(scratch.resolve(home.getFileName()), home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException anotherJvmWasFaster) {
            if (!Files.isExecutable(home.resolve("bin/artemis"))) {
                throw anotherJvmWasFaster;
            }
        }
        run(Map.of(), List.of("rm", "-rf", scratch.toString()));
        return home;
    }

    private static void run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("artemis-cmd", ".log");
        Process p = pb.redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out after 60 s: " + command);
        }
        String output = Files.readString(out);
        Files.delete(out);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + ": " + command + "\n" + output);
        }
    }
}
