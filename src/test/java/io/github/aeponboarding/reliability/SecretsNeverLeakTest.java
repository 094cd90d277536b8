package io.github.aeponboarding.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.aep.ImsTokenCache;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Jms;
import io.github.aeponboarding.testsupport.LogCapture;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import io.github.aeponboarding.testsupport.ManagementCalls;
import io.github.aeponboarding.testsupport.Ports;
import java.net.http.HttpResponse;
import org.apache.camel.spi.BacklogTracer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.junit.jupiter.api.Test;

/**
 * An attacker's view with every switch an operator has: the Tracer and the BacklogTracer (Hawtio's
 * Trace tab) on, templates included, and our code, Camel and HttpClient logging at TRACE. Onboardings
 * that succeed, fail at AEP, live through a revoked token (401, renewed once) and meet a wrong client
 * secret, over JMS and the file drop, with a distinctive secret: neither the secret nor any bearer
 * token IMS issued appears in the logs, the trace events and backlog dumps (XML and JSON), the
 * results, the dead letters (files and JMS messages, properties included), any file the bundle wrote,
 * or what Jolokia shows of every MBean and answers to an attacker's requests.
 */
class SecretsNeverLeakTest {
    private static final String ROOT = "target/it/secrets";

    @Test
    void no_client_secret_or_bearer_token_in_logs_traces_results_dead_letters_or_files() throws Exception {
        BundleTest.clean(ROOT);
        String secret = "Cl13nt-S3cret-" + UUID.randomUUID();
        Map<String, String> seen = new LinkedHashMap<>();
        StringBuffer backlog = new StringBuffer();
        try (LogCapture logs = new LogCapture(Level.TRACE, "io.github.aeponboarding", "org.apache.camel", "org.apache.hc");
             AepEmulator emulator = AepEmulator.start(EmulatorOptions.defaults().toBuilder().clientSecret(secret).build())) {
            Map<String, String> properties = new HashMap<>(RunningBundle.at(emulator));
            properties.put("onboarding.jms-trigger-enabled", "true");
            properties.put("onboarding.file-trigger-enabled", "true");
            properties.put("aep.retry.max-attempts", "2");
            properties.put("aep.retry.initial-delay-ms", "10");
            // what Hawtio can switch on at runtime, installed whatever the profile says
            properties.put("camel.main.tracing-standby", "true");
            properties.put("camel.main.tracing-templates", "true");
            properties.put("camel.trace.standby", "true");
            properties.put("camel.trace.trace-templates", "true");
            ManagementCalls mgmt = new ManagementCalls(Ports.free());
            properties.put("camel.management.port", String.valueOf(mgmt.port()));
            ScheduledExecutorService dumper = Executors.newSingleThreadScheduledExecutor();
            try (RunningBundle bundle = RunningBundle.start(ROOT, properties);
                 Jms jms = new Jms("vm://0")) {
                bundle.context().getTracer().setEnabled(true);
                BacklogTracer tracer = bundle.context().getCamelContextExtension().getContextPlugin(BacklogTracer.class);
                assertThat(tracer).as("the BacklogTracer Hawtio's Trace tab drives").isNotNull();
                tracer.setIncludeExchangeProperties(true);
                tracer.setIncludeExchangeVariables(true);
                tracer.setIncludeException(true);
                tracer.setBodyMaxChars(0);
                tracer.setEnabled(true);
                // it keeps at most 1000 events: dump (and so empty) it often, in both of Hawtio's formats
                long[] tick = {0};
                dumper.scheduleWithFixedDelay(() -> backlog.append(tick[0]++ % 2 == 0
                        ? tracer.dumpAllTracedMessagesAsXml() : tracer.dumpAllTracedMessagesAsJSon()), 20, 20, TimeUnit.MILLISECONDS);

                jms.send(Jms.REQUESTS, Requests.example("crm", "secret-good-jms"), false);
                jms.send(Jms.REQUESTS, Requests.example("crm", "secret-bad-jms", SecretsNeverLeakTest::unknownAccount), false);
                List<Message> results = new ArrayList<>(jms.receive(Jms.RESULTS, 2, Duration.ofSeconds(30)));
                List<Message> deadLetters = new ArrayList<>(jms.receive(Jms.DEAD_LETTER, 1, Duration.ofSeconds(5)));
                assertThat(results).hasSize(2);
                assertThat(deadLetters).hasSize(1);

                emulator.revokeTokens();   // the cached token is now refused: 401, renewed once
                Path inbox = Files.createDirectories(Path.of(ROOT, "inbox"));
                Files.write(inbox.resolve("good.json"), Requests.example("payments", "secret-good-file"));
                Files.write(inbox.resolve("bad.json"), Requests.example("payments", "secret-bad-file", SecretsNeverLeakTest::unknownAccount));
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(Path.of(ROOT, "outbox/secret-good-file.result.json"))
                        && Files.exists(Path.of(ROOT, "deadletter/bad.json.failure.json")));
                assertThat(emulator.requestLog()).as("a call was refused with the revoked token").anyMatch(e -> e.status() == 401);
                ImsTokenCache cache = bundle.context().getRegistry().lookupByNameAndType("aepImsTokenCache", ImsTokenCache.class);
                assertThat(cache.fetchCount()).isGreaterThanOrEqualTo(2);

                // the bundle's secret is now wrong: IMS refuses it (401 invalid_client) once the token is revoked
                emulator.configure(emulator.options().toBuilder().clientSecret("rotated-" + UUID.randomUUID()).build());
                emulator.revokeTokens();
                jms.send(Jms.REQUESTS, Requests.example("crm", "secret-wrong-client"), false);
                List<Message> refused = jms.receive(Jms.RESULTS, 1, Duration.ofSeconds(30));
                assertThat(refused).hasSize(1);
                JsonNode failure = new ObjectMapper().readTree(Jms.text(refused.get(0)));
                assertThat(failure.path("status").asText()).isEqualTo("FAILED");
                assertThat(failure.path("code").asText()).isEqualTo("invalid_client");
                assertThat(failure.path("httpStatus").asInt()).isEqualTo(401);
                assertThat(failure.path("message").asText()).as("names the IMS call").contains("IMS");
                results.addAll(refused);
                deadLetters.addAll(jms.receive(Jms.DEAD_LETTER, 1, Duration.ofSeconds(5)));

                for (Message m : Stream.concat(results.stream(), deadLetters.stream()).toList()) {
                    StringBuilder text = new StringBuilder(Jms.text(m));
                    for (String name : Collections.list((java.util.Enumeration<String>) m.getPropertyNames())) {
                        text.append('\n').append(name).append('=').append(m.getObjectProperty(name));
                    }
                    seen.put("JMS message " + m.getJMSMessageID(), text.toString());
                }
                seen.put("Jolokia", jolokiaSweep(mgmt));
                assertThat(String.join("\n", seen.values())).contains("secret-bad-jms").contains("secret-wrong-client").contains("FAILED");
                dumper.shutdown();
                dumper.awaitTermination(5, TimeUnit.SECONDS);
                backlog.append(tracer.dumpAllTracedMessagesAsXml());
            } finally {
                dumper.shutdownNow();
            }
            try (Stream<Path> files = Files.walk(Path.of(ROOT))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    seen.put("file " + f, new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            seen.put("the logs", logs.text());
            seen.put("the backlog dumps", backlog.toString());
            List<String> tokens = emulator.issuedTokens();
            assertThat(tokens).hasSizeGreaterThanOrEqualTo(2);
            // the capture did see the run (booleans: the texts are too large for an assertion message)
            String log = seen.get("the logs");
            assertThat(log.contains("secret-bad-file") && log.contains("401")).as("the run is in the logs").isTrue();
            assertThat(log.contains("[aep-http")).as("the Tracer logged the AEP calls").isTrue();
            String dumps = seen.get("the backlog dumps");
            assertThat(dumps.contains("<backlogTracerEventMessage") && dumps.contains("\"routeId\": \"aep-http\""))
                    .as("the BacklogTracer saw the AEP calls (XML and JSON dumps)").isTrue();

            assertAbsent(seen, secret, "the client secret");
            assertAbsent(seen, java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8), "the URL-encoded client secret");
            for (String token : tokens) {
                assertAbsent(seen, token, "a bearer token");
                assertAbsent(seen, token.split("\\.")[1], "a bearer token's payload");
            }
        }
    }

    /**
     * What Jolokia (Hawtio's view of the JVM) can show, anonymous in the local profile: every attribute of
     * every MBean it finds, in one bulk read, and the requests an attacker tried (message sends, an
     * expression, a property) with whatever they answered.
     */
    private static String jolokiaSweep(ManagementCalls mgmt) throws Exception {
        JsonNode found = mgmt.jolokia(null, "{\"type\":\"search\",\"mbean\":\"*:*\"}");
        List<String> requests = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (JsonNode name : found.path("value")) {
            requests.add("{\"type\":\"read\",\"mbean\":" + json.writeValueAsString(name.asText()) + "}");
        }
        assertThat(requests).as("MBeans Jolokia lists").hasSizeGreaterThan(50);
        String context = "org.apache.camel:context=aep-source-onboarding,type=context,name=\"aep-source-onboarding\"";
        for (String target : new String[] {"bean:aepSettings?method=clientSecret", "bean:imsTokenCache?method=token",
                "language:simple:{{aep.client-secret}}", "language:simple:${properties:aep.client-secret}"}) {
            requests.add(ManagementCalls.exec(context, "requestBody(java.lang.String,java.lang.Object)", "\"" + target + "\", null"));
        }
        StringBuilder answers = new StringBuilder();
        HttpResponse<String> bulk = mgmt.post(null, null, "application/json", "[" + String.join(",", requests) + "]");
        assertThat(bulk.statusCode()).isEqualTo(200);
        answers.append(bulk.body());
        assertThat(answers.toString()).as("the reads answered").contains("\"CamelId\":\"aep-source-onboarding\"");
        return answers.toString();
    }

    /**
     * The jar's own log configuration (not the tests'): an operator who turns {@code org.apache.hc} or
     * {@code org.apache.camel} up to TRACE still gets no HttpClient header or wire log (the
     * {@code Authorization} header) and no resolved property values (the client secret).
     */
    @Test
    void the_jar_log_config_keeps_header_wire_and_property_logs_quiet_when_everything_else_is_at_trace() {
        LoggerContext jar = new LoggerContext("aep-jar-log-config", null, Path.of("src/main/resources/log4j2.properties").toUri());
        jar.start();
        try {
            for (String parent : new String[] {"org.apache.hc", "org.apache.camel"}) {
                jar.getConfiguration().addLogger(parent, new LoggerConfig(parent, Level.TRACE, true));
            }
            jar.updateLoggers();
            assertThat(jar.getLogger("org.apache.hc.client5.http.impl.classic.InternalHttpClient").isTraceEnabled()).isTrue();
            for (String quiet : new String[] {"org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire",
                    "org.apache.camel.component.properties.PropertiesComponent"}) {
                assertThat(jar.getLogger(quiet).isDebugEnabled()).as(quiet).isFalse();
            }
        } finally {
            jar.stop();
        }
    }

    /**
     * Fails naming where {@code needle} was found, with a little context (the needle itself masked): the
     * texts run to tens of megabytes, far too much for an assertion message.
     */
    private static void assertAbsent(Map<String, String> texts, String needle, String what) {
        texts.forEach((where, text) -> {
            int at = text.indexOf(needle);
            if (at >= 0) {
                String context = text.substring(Math.max(0, at - 400), Math.min(text.length(), at + needle.length() + 100));
                throw new AssertionError(what + " is in " + where + ": ..." + context.replace(needle, "<" + what + ">") + "...");
            }
        });
    }

    /** A request whose source account does not exist: AEP refuses its source connection. */
    private static void unknownAccount(com.fasterxml.jackson.databind.node.ObjectNode request) {
        request.with("source").put("baseConnectionId", "00000000-0000-4000-8000-000000000000");
    }
}
