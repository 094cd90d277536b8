package io.github.aeponboarding.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.jolokia.server.core.restrictor.DenyAllRestrictor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** config/management.properties + config/jolokia-access.xml on a real camel-main management server. */
@Timeout(60)
class JolokiaPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ROUTE_MBEAN = "org.apache.camel:context=" + DemoCamelTarget.CONTEXT
            + ",type=routes,name=\\\"" + DemoCamelTarget.ROUTE + "\\\"";

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Policy {
        private DemoCamelTarget target;

        @BeforeAll
        void start() {
            target = DemoCamelTarget.start(Map.of());
        }

        @AfterAll
        void stop() {
            target.close();
        }

        @Test
        void camelRouteMBeanCanBeRead() throws Exception {
            JsonNode reply = post(target, "{\"type\":\"read\",\"mbean\":\"" + ROUTE_MBEAN + "\",\"attribute\":\"ExchangesCompleted\"}");
            assertThat(reply.path("status").asInt()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.path("value").asLong()).isEqualTo(DemoCamelTarget.EXCHANGES);
        }

        @Test
        void camelOperationsHawtioUsesAreAllowed() throws Exception {
            JsonNode reply = post(target, "{\"type\":\"exec\",\"mbean\":\"" + ROUTE_MBEAN + "\",\"operation\":\"dumpRouteAsXml()\"}");
            assertThat(reply.path("status").asInt()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.path("value").asText()).contains(DemoCamelTarget.ROUTE);
        }

        @Test
        void jvmAttributesAreReadOnly() throws Exception {
            JsonNode read = post(target, "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\"}");
            assertThat(read.path("status").asInt()).as(read.toString()).isEqualTo(200);
            JsonNode write = post(target, "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}");
            assertThat(write.path("status").asInt()).as(write.toString()).isEqualTo(403);
        }

        @Test
        void diagnosticMBeansCannotEvenBeRead() throws Exception {
            JsonNode read = post(target, "{\"type\":\"read\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\",\"attribute\":\"DiagnosticOptions\"}");
            assertThat(read.path("status").asInt()).as(read.toString()).isEqualTo(403);
        }

        @Test
        void threadDumpIsAllowedButHeapDumpIsNot() throws Exception {
            JsonNode threads = post(target, "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Threading\",\"operation\":\"findDeadlockedThreads()\"}");
            assertThat(threads.path("status").asInt()).as(threads.toString()).isEqualTo(200);
            JsonNode heap = post(target, "{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\","
                    + "\"operation\":\"dumpHeap\",\"arguments\":[\"/tmp/aep-heap.hprof\",true]}");
            assertThat(heap.path("status").asInt()).as(heap.toString()).isEqualTo(403);
        }

        @Test
        void healthAndMetricsAreServed() throws Exception {
            assertThat(get(target.baseUrl() + "/observe/health/ready", null).statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = get(target.baseUrl() + "/observe/metrics", null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("routeId=\"" + DemoCamelTarget.ROUTE + "\"");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Authentication {
        private DemoCamelTarget target;

        @BeforeAll
        void start() {
            // what the prod profile sets (kubernetes sets the same); the users file is the committed example
            Map<String, String> prod = new java.util.HashMap<>();
            try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("config/application-prod.properties"))) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                p.stringPropertyNames().stream().filter(k -> k.startsWith("camel.management."))
                        .forEach(k -> prod.put(k, p.getProperty(k).trim()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            prod.put("camel.management.basic-properties-file", "config/mgmt-users.properties");
            target = DemoCamelTarget.start(prod);
        }

        @AfterAll
        void stop() {
            target.close();
        }

        @Test
        void everyManagementEndpointButHealthNeedsCredentials() throws Exception {
            String read = target.jolokiaUrl() + "/read/java.lang:type=Runtime/Uptime";
            assertThat(get(read, null).statusCode()).isEqualTo(401);
            assertThat(get(read, "hawtio:wrong").statusCode()).isEqualTo(401);
            assertThat(get(read, "hawtio:change-me").statusCode()).isEqualTo(200);
            for (String path : new String[] {"/observe/metrics", "/observe/info"}) {
                assertThat(get(target.baseUrl() + path, null).statusCode()).as(path).isEqualTo(401);
                assertThat(get(target.baseUrl() + path, "hawtio:change-me").statusCode()).as(path).isEqualTo(200);
            }
            assertThat(get(target.baseUrl() + "/health/live", null).statusCode()).isEqualTo(200);
            assertThat(get(target.baseUrl() + "/health/ready", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void missingPolicyDeniesEverything() {
        assertThat(PolicyJolokiaPlugin.restrictor("file:does/not/exist.xml")).isInstanceOf(DenyAllRestrictor.class);
        assertThat(PolicyJolokiaPlugin.restrictor("classpath:/no-such-policy.xml")).isInstanceOf(DenyAllRestrictor.class);
    }

    private static JsonNode post(DemoCamelTarget target, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.jolokiaUrl()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static HttpResponse<String> get(String url, String userColonPassword) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (userColonPassword != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
