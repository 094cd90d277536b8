package io.github.aeponboarding.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's package, see shared/notes/servers.md) as its own process, for tests
 * where several bundles share one store. PostgreSQL refuses to run as root, so as root (CI) initdb and
 * pg_ctl run as the {@code postgres} user. Data lives under {@code target/it/postgres-<port>}.
 */
public final class PostgresServer {
    public static final String USER = "aep";
    public static final String DATABASE = "aep";
    public static final String PASSWORD = "aep-test-password";

    private static PostgresServer shared;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final String superPassword = UUID.randomUUID().toString();

    private PostgresServer(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** The one server of this test JVM: started on first use, stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            int port = Ports.free();
            PostgresServer s = new PostgresServer(binaries(), Path.of("target", "it", "postgres-" + port).toAbsolutePath(), port);
            s.create();
            Runtime.getRuntime().addShutdownHook(new Thread(s::discard, "postgres-stop"));
            shared = s;
        }
        return shared;
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
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

    /** The bundle's properties for the store (database {@code aep}). */
    public Map<String, String> properties() {
        return Map.of("onboarding.db-url", jdbcUrl(), "onboarding.db-user", USER, "onboarding.db-password", PASSWORD);
    }

    /** The bundle's properties for the store in a fresh database of its own (see {@link #newDatabase}). */
    public Map<String, String> properties(String database) {
        return Map.of("onboarding.db-url", newDatabase(database), "onboarding.db-user", USER, "onboarding.db-password", PASSWORD);
    }

    /** The same as environment variables, for a bundle started as its own process. */
    public Map<String, String> env() {
        return Map.of("ONBOARDING_DB_URL", jdbcUrl(), "ONBOARDING_DB_USER", USER, "ONBOARDING_DB_PASSWORD", PASSWORD);
    }

    /** A fresh empty database owned by {@code aep} (dropped first if an earlier test left one), and its JDBC URL. */
    public String newDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        admin("drop database if exists " + name + " with (force)");
        admin("create database " + name + " owner " + USER);
        return jdbcUrl(name);
    }

    /** Runs SQL as {@code aep} in {@code database} and returns psql's unaligned output (rows on lines, '|' between columns). */
    public String psql(String database, String sql) {
        return run(Map.of("PGPASSWORD", PASSWORD), psqlCommand(USER, database, sql)).strip();
    }

    /** Starts the server process again after {@link #stop()} or {@link #kill()}, on the same port with the same data. */
    public synchronized void start() {
        // no Unix socket: its path could exceed the 107-byte limit under a deep checkout; fsync is
        // pointless for a test store (a killed server still recovers, only a machine crash would not)
        pgCtl("start", "-l", dir.resolve("log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off");
    }

    /** A clean shutdown (clients are disconnected): "the store is down". */
    public synchronized void stop() {
        pgCtl("stop", "-m", "fast");
    }

    /** An immediate shutdown, like a crash: no checkpoint, the next start recovers. Quiet when already stopped. */
    public synchronized void kill() {
        if (Files.exists(dir.resolve("data/postmaster.pid"))) {
            pgCtl("stop", "-m", "immediate");
        }
    }

    /** At JVM exit: no shutdown checkpoint to wait for, and ~50 MB of data less per test JVM (the log stays). */
    private void discard() {
        try {
            kill();
        } finally {
            run(Map.of(), List.of("rm", "-rf", dir.resolve("data").toString()));
        }
    }

    private void create() {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("pw"), superPassword + "\n");
            if (root()) {
                traversable(dir);
                run(Map.of(), List.of("chown", "-R", "postgres:", dir.toString()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + dir, e);
        }
        asPostgres(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "scram-sha-256",
                "--pwfile=" + dir.resolve("pw"), "-U", "postgres", "-N", "-E", "UTF8", "--locale=C"));
        run(Map.of(), List.of("rm", dir.resolve("pw").toString()));
        start();
        admin("create user " + USER + " password '" + PASSWORD + "'");
        admin("create database " + DATABASE + " owner " + USER);
    }

    private void admin(String sql) {
        run(Map.of("PGPASSWORD", superPassword), psqlCommand("postgres", "postgres", sql));
    }

    private List<String> psqlCommand(String user, String database, String sql) {
        return List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", user, "-d", database,
                "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql);
    }

    /** pg_ctl waits for the server (-w), at most 60 s. */
    private void pgCtl(String action, String... options) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), action, "-D", dir.resolve("data").toString(), "-w", "-t", "60"));
        command.addAll(List.of(options));
        asPostgres(command);
    }

    private void asPostgres(List<String> command) {
        run(Map.of(), root() ? Stream.concat(Stream.of("runuser", "-u", "postgres", "--"), command.stream()).toList() : command);
    }

    /** Runs a command to its end (at most 90 s; pg_ctl waits 60 s itself) and returns its output, or fails with it. */
    private static String run(Map<String, String> env, List<String> command) {
        try {
            Path out = Files.createTempFile("postgres-cmd", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(90, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + command);
                }
                String output = Files.readString(out);
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("exit " + p.exitValue() + ": " + command + "\n" + output);
                }
                return output;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /** The newest installed major version's binaries (Debian keeps them off PATH, per version). */
    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+") && Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run bin/setup", e);
        }
    }

    /** The postgres user must reach its data directory: every folder above it needs search permission for others. */
    private static void traversable(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

}
