package io.github.aeponboarding.ops;

import io.github.aeponboarding.testsupport.ManagementCalls;
import io.github.aeponboarding.testsupport.Ports;
import static io.github.aeponboarding.testsupport.ManagementCalls.exec;
import static io.github.aeponboarding.testsupport.ManagementCalls.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aeponboarding.aep.AepSettings;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.RunningBundle;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jolokia.server.core.restrictor.DenyAllRestrictor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * config/jolokia-access.xml, config/management.properties and the users file on the real bundle's management server,
 * in the local profile (no login: the caller is an operator) and in the prod profile (viewer and operator logins).
 */
@Timeout(120)
class JolokiaPolicyTest {

    private static final String CONTEXT = "aep-source-onboarding";
    private static final String CAMEL_CONTEXT = "org.apache.camel:context=" + CONTEXT + ",type=context,name=\"" + CONTEXT + "\"";
    private static final String ROUTE = route("aep-rollback");
    private static final String VIEWER = "aep-viewer:change-me-viewer";
    private static final String OPERATOR = "aep-operator:change-me-operator";
    private static final String REQUEST_BODY = "requestBody(java.lang.String,java.lang.Object)";
    private static final String FOREIGN = "https://attacker.example";

    private static String route(String id) {
        return "org.apache.camel:context=" + CONTEXT + ",type=routes,name=\"" + id + "\"";
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Profile {
        RunningBundle bundle;
        ManagementCalls mgmt;
        Path drop;

        /** The login Hawtio would use with route control (null: none needed). */
        abstract String operator();

        abstract RunningBundle start(String root, Map<String, String> properties);

        abstract AepEmulator emulator();

        @BeforeAll
        void startBundle() throws Exception {
            String root = "target/it/jolokia-" + getClass().getSimpleName();
            BundleTest.clean(root);
            drop = Path.of(root, "drop");
            mgmt = new ManagementCalls(Ports.free());
            bundle = start(root, new HashMap<>(Map.of("camel.management.port", String.valueOf(mgmt.port()))));
        }

        @AfterAll
        void stopBundle() {
            if (bundle != null) {
                bundle.close();
            }
        }

        @Test
        void messages_endpoints_expressions_and_writes_are_refused() throws Exception {
            String secret = bundle.context().getRegistry().lookupByNameAndType("aepSettings", AepSettings.class).clientSecret();
            List<String> attacks = List.of(
                    exec(CAMEL_CONTEXT, REQUEST_BODY, "\"bean:aepSettings?method=clientSecret\", null"),
                    exec(CAMEL_CONTEXT, REQUEST_BODY, "\"direct:aep-ims-token\", null"),
                    exec(CAMEL_CONTEXT, REQUEST_BODY, "\"language:simple:{{aep.client-secret}}\", null"),
                    exec(CAMEL_CONTEXT, "requestStringBody(java.lang.String,java.lang.String)", "\"direct:aep-ims-token\", \"\""),
                    exec(CAMEL_CONTEXT, "sendBody(java.lang.String,java.lang.Object)", "\"file:" + drop + "?fileName=a.txt\", \"x\""),
                    exec(CAMEL_CONTEXT, "sendStringBody(java.lang.String,java.lang.String)", "\"file:" + drop + "?fileName=b.txt\", \"x\""),
                    exec(CAMEL_CONTEXT, "createEndpoint(java.lang.String)", "\"file:" + drop + "\""),
                    exec(CAMEL_CONTEXT, "stop()", ""),
                    exec(ROUTE, "remove()", ""),
                    exec(ROUTE, "updateRouteFromXml(java.lang.String)", "\"<route/>\""),
                    "{\"type\":\"write\",\"mbean\":\"" + CAMEL_CONTEXT.replace("\"", "\\\"") + "\",\"attribute\":\"Tracing\",\"value\":true}",
                    "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}",
                    exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap", "\"" + drop + "/heap.hprof\", true"),
                    read("com.sun.management:type=HotSpotDiagnostic", "DiagnosticOptions"),
                    read("java.lang:type=Runtime", "SystemProperties"));
            for (String attack : attacks) {
                JsonNode reply = mgmt.jolokia(operator(), attack);
                assertThat(reply.path("status").asInt()).as(attack + " -> " + reply).isEqualTo(403);
                assertThat(reply.toString()).doesNotContain(secret);
                for (String token : emulator().issuedTokens()) {
                    assertThat(reply.toString()).doesNotContain(token);
                }
            }
            assertThat(drop).doesNotExist();
            assertThat(bundle.context().getStatus().isStarted()).isTrue();
            assertThat(bundle.context().getRoute("aep-rollback")).isNotNull();
        }

        @Test
        void cross_origin_requests_are_refused_even_without_preflight() throws Exception {
            String dump = exec(CAMEL_CONTEXT, "dumpRoutesAsXml()", "");
            HttpResponse<String> foreign = mgmt.post(operator(), FOREIGN, "text/plain", dump);
            assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
            assertThat(foreign.body()).doesNotContain("<route");
            HttpResponse<String> stop = mgmt.post(operator(), FOREIGN, "text/plain", exec(ROUTE, "stop()", ""));
            assertThat(stop.statusCode()).isEqualTo(403);
            assertThat(bundle.context().getRouteController().getRouteStatus("aep-rollback").isStarted()).isTrue();
            // a GET from an <img referrerpolicy="no-referrer"> on another site: no Origin, no Referer
            HttpResponse<String> hidden = mgmt.get("/observe/jolokia/read/java.lang:type=Runtime/Uptime", operator(),
                    "Sec-Fetch-Site", "cross-site");
            assertThat(hidden.statusCode()).isEqualTo(403);
            // same origin (a page served by this server, or Hawtio's server-side proxy) keeps working
            HttpResponse<String> same = mgmt.post(operator(), mgmt.baseUrl(), "text/plain", dump);
            assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
            assertThat(same.body()).contains("aep-rollback");
        }

        @Test
        void hawtio_reads_dumps_and_thread_dumps_work() throws Exception {
            JsonNode routes = mgmt.jolokia(operator(), read(ROUTE, "ExchangesTotal"));
            assertThat(routes.path("status").asInt()).as(routes.toString()).isEqualTo(200);
            for (String call : List.of(exec(CAMEL_CONTEXT, "dumpRoutesStatsAsXml(boolean,boolean)", "true, true"),
                    exec(ROUTE, "dumpRouteStatsAsXml(boolean,boolean)", "true, true"),
                    exec("java.lang:type=Threading", "findDeadlockedThreads()", ""))) {
                JsonNode reply = mgmt.jolokia(operator(), call);
                assertThat(reply.path("status").asInt()).as(call + " -> " + reply).isEqualTo(200);
            }
            JsonNode list = mgmt.jolokia(operator(), "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}");
            assertThat(list.path("value").toString()).contains("aep-rollback");
        }

        @Test
        void operator_stops_starts_and_resets_a_route() throws Exception {
            assertThat(mgmt.jolokia(operator(), exec(ROUTE, "stop()", "")).path("status").asInt()).isEqualTo(200);
            assertThat(bundle.context().getRouteController().getRouteStatus("aep-rollback").isStopped()).isTrue();
            assertThat(mgmt.jolokia(operator(), exec(ROUTE, "start()", "")).path("status").asInt()).isEqualTo(200);
            assertThat(bundle.context().getRouteController().getRouteStatus("aep-rollback").isStarted()).isTrue();
            assertThat(mgmt.jolokia(operator(), exec(ROUTE, "reset(boolean)", "true")).path("status").asInt()).isEqualTo(200);
        }
    }

    @Nested
    class LocalProfile extends Profile {
        @Override
        String operator() {
            return null;
        }

        @Override
        RunningBundle start(String root, Map<String, String> properties) {
            return RunningBundle.start(root, properties);
        }

        @Override
        AepEmulator emulator() {
            return bundle.emulator();
        }
    }

    @Nested
    class ProdProfile extends Profile {
        private AepEmulator emulator;

        @Override
        String operator() {
            return OPERATOR;
        }

        @Override
        RunningBundle start(String root, Map<String, String> properties) {
            emulator = AepEmulator.start(EmulatorOptions.defaults().toBuilder().clientSecret("S3cret-" + UUID.randomUUID()).build());
            properties.putAll(RunningBundle.at(emulator));
            properties.put("camel.main.profile", "prod");
            properties.put("camel.management.basic-properties-file", "config/mgmt-users.properties");
            return RunningBundle.start(root, properties);
        }

        @Override
        AepEmulator emulator() {
            return emulator;
        }

        @AfterAll
        void stopEmulator() {
            emulator.close();
        }

        @Test
        void every_management_endpoint_but_the_probes_needs_a_login() throws Exception {
            for (String path : new String[] {"/observe/jolokia/read/java.lang:type=Runtime/Uptime", "/observe/metrics", "/observe/info"}) {
                assertThat(mgmt.get(path, null).statusCode()).as(path).isEqualTo(401);
                assertThat(mgmt.get(path, "aep-viewer:wrong").statusCode()).as(path).isEqualTo(401);
                assertThat(mgmt.get(path, VIEWER).statusCode()).as(path).isEqualTo(200);
            }
            assertThat(mgmt.get("/observe/metrics", VIEWER).body()).contains("camel_exchanges_total");
            assertThat(mgmt.get("/health/live", null).statusCode()).isEqualTo(200);
            assertThat(mgmt.get("/health/ready", null).statusCode()).isEqualTo(200);
        }

        @Test
        void health_details_need_a_viewer_login() throws Exception {
            for (String path : new String[] {"/health?exposureLevel=full&data=true", "/health/ready?exposureLevel=full&data=true"}) {
                HttpResponse<String> anonymous = mgmt.get(path, null);
                assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
                assertThat(anonymous.body()).doesNotContain("direct:").doesNotContain("file:").doesNotContain("route:");
            }
            HttpResponse<String> viewer = mgmt.get("/health?exposureLevel=full&data=true", VIEWER);
            assertThat(viewer.statusCode()).isEqualTo(200);
            assertThat(viewer.body()).contains("route:aep-rollback");
        }

        @Test
        void viewer_reads_but_controls_nothing() throws Exception {
            assertThat(mgmt.jolokia(VIEWER, read(ROUTE, "ExchangesTotal")).path("status").asInt()).isEqualTo(200);
            JsonNode dump = mgmt.jolokia(VIEWER, exec(CAMEL_CONTEXT, "dumpRoutesAsXml()", ""));
            assertThat(dump.path("status").asInt()).as(dump.toString()).isEqualTo(200);
            for (String control : List.of(exec(ROUTE, "stop()", ""), exec(ROUTE, "suspend()", ""), exec(ROUTE, "reset(boolean)", "true"),
                    exec(CAMEL_CONTEXT, REQUEST_BODY, "\"direct:aep-ims-token\", null"))) {
                JsonNode reply = mgmt.jolokia(VIEWER, control);
                assertThat(reply.path("status").asInt()).as(control + " -> " + reply).isEqualTo(403);
            }
            assertThat(bundle.context().getRouteController().getRouteStatus("aep-rollback").isStarted()).isTrue();
        }
    }

    @Test
    void missing_policy_denies_everything() {
        assertThat(PolicyJolokiaPlugin.restrictor("file:does/not/exist.xml")).isInstanceOf(DenyAllRestrictor.class);
        assertThat(PolicyJolokiaPlugin.restrictor("classpath:/no-such-policy.xml")).isInstanceOf(DenyAllRestrictor.class);
        assertThat(Files.exists(Path.of("config/jolokia-access.xml"))).isTrue();
    }
}
