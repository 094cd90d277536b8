package io.github.aeponboarding.ops;

import io.github.aeponboarding.testsupport.Processes;
import io.github.aeponboarding.testsupport.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A bundle in a JVM of its own, found through its management port: health for readiness, Jolokia for the route ids
 * that have processed exchanges and the context name. {@link #realBundle} is the packaged bundle in the local
 * profile, with both examples waiting in its inbox; {@link #demo} is {@link DemoCamelTarget} run the same way.
 */
public final class BundleProcess implements BundleUnderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final String credentials;
    private final Path log;

    private BundleProcess(Process process, int port, String credentials, Path log) {
        this.process = process;
        this.port = port;
        this.credentials = credentials;
        this.log = log;
    }

    /**
     * {@code java -jar target/aep-source-onboarding.jar} with {@code CAMEL_MAIN_PROFILE=local} on a free management
     * port; {@code env} adds or overrides variables (e.g. CAMEL_MANAGEMENT_AUTHENTICATION_ENABLED=true, then pass
     * the credentials so this class can still read Jolokia).
     */
    public static BundleProcess realBundle(Map<String, String> env, String userColonPassword, Duration startup) {
        int port = Ports.free();
        Path work = Path.of("target", "hawtio-bundle-" + port);
        try {
            // both examples wait in the inbox: the bundle onboards them as it starts
            java.nio.file.Files.createDirectories(work.resolve("inbox"));
            for (String example : new String[] {"crm-salesforce.yaml", "payments-paypal.yaml"}) {
                java.nio.file.Files.copy(Path.of("examples", example), work.resolve("inbox").resolve(example));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + work, e);
        }
        List<String> command = List.of(java(), "-Xmx512m", "-jar", "target/aep-source-onboarding.jar");
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "CAMEL_MAIN_PROFILE", "local", "CAMEL_MANAGEMENT_PORT", String.valueOf(port),
                "ONBOARDING_INBOX", work.resolve("inbox").toString(), "ONBOARDING_OUTBOX", work.resolve("outbox").toString(),
                "ONBOARDING_DEADLETTER", work.resolve("deadletter").toString(), "ONBOARDING_DATA_DIR", work.resolve("data").toString()));
        all.putAll(env);
        return start(command, all, port, userColonPassword, startup);
    }

    /** {@link DemoCamelTarget#main} in a JVM of its own, on this test's class path. */
    public static BundleProcess demo(Map<String, String> managementOverrides, String userColonPassword, Duration startup) {
        int port = Ports.free();
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                DemoCamelTarget.class.getName(), String.valueOf(port)));
        managementOverrides.forEach((k, v) -> command.add(k + "=" + v));
        return start(command, Map.of(), port, userColonPassword, startup);
    }

    /** Starts {@code command} in the project folder and waits (bounded) until ready with at least one busy route. */
    public static BundleProcess start(List<String> command, Map<String, String> env, int managementPort,
            String userColonPassword, Duration startup) {
        Path log = Path.of("target", "bundle-" + managementPort + ".log");
        try {
            log.getParent().toFile().mkdirs();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            BundleProcess bundle = new BundleProcess(builder.start(), managementPort, userColonPassword, log);
            bundle.awaitReady(startup);
            return bundle;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    private void awaitReady(Duration startup) {
        Instant deadline = Instant.now().plus(startup);
        String last = "not started";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("bundle exited with " + process.exitValue() + "; output in " + log);
            }
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/observe/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = "ready: " + ready.statusCode();
                if (ready.statusCode() == 200 && !routeIds().isEmpty()) {
                    return;
                }
                last += ", no route has processed an exchange yet";
            } catch (IOException | RuntimeException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException("bundle not ready within " + startup + " (" + last + "); output in " + log);
    }

    @Override
    public String jolokiaUrl() {
        return "http://localhost:" + port + "/observe/jolokia";
    }

    @Override
    public List<String> routeIds() {
        JsonNode routes = jolokia("{\"type\":\"read\",\"mbean\":\"org.apache.camel:type=routes,*\","
                + "\"attribute\":[\"RouteId\",\"ExchangesTotal\"]}");
        TreeSet<String> ids = new TreeSet<>();
        routes.fields().forEachRemaining(r -> {
            if (r.getValue().path("ExchangesTotal").asLong() > 0) {
                ids.add(r.getValue().path("RouteId").asText());
            }
        });
        return List.copyOf(ids);
    }

    @Override
    public String contextName() {
        JsonNode contexts = jolokia("{\"type\":\"read\",\"mbean\":\"org.apache.camel:type=context,*\",\"attribute\":\"CamelId\"}");
        return contexts.fields().next().getValue().path("CamelId").asText();
    }

    private JsonNode jolokia(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(jolokiaUrl())).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            JsonNode reply = JSON.readTree(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
            if (reply.path("status").asInt() != 200) {
                throw new IllegalStateException("Jolokia: " + reply);
            }
            return reply.path("value");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(20));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
