package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /} and the {@code /_emulator/} controls over HTTP, and their Java counterparts. */
class AdminApiTest {

    @Test
    void readiness_request_log_config_and_reset_work_over_http() {
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.defaults())) {
            AepClient client = new AepClient(emulator, "admin");
            Reply ready = client.get("/");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("status").asText()).isEqualTo("ready");

            Tutorials crm = Tutorials.crm(client);
            Tutorials.expect(crm.createAdhocClass(crm.sourceColumns()), 201);
            Reply log = client.get("/_emulator/requests");
            JsonNode last = log.json().get(log.json().size() - 1);
            assertThat(last.get("method").asText()).isEqualTo("POST");
            assertThat(last.get("path").asText()).isEqualTo(Tutorials.REGISTRY + "/tenant/classes");
            assertThat(last.get("status").asInt()).isEqualTo(201);
            assertThat(last.get("committed").asBoolean()).isTrue();
            assertThat(last.get("headerNames").toString()).contains("x-sandbox-name", "authorization", "content-type");
            List<RequestLogEntry> entries = emulator.requestLog();
            assertThat(entries.get(entries.size() - 1).status()).isEqualTo(201);

            Reply config = client.post("/_emulator/config", "{\"latencyMillis\": 5, \"serverErrorRate\": 0.5, \"seed\": 9}");
            assertThat(config.status()).isEqualTo(200);
            assertThat(emulator.options().latencyMillis()).isEqualTo(5);
            assertThat(emulator.options().serverErrorRate()).isEqualTo(0.5);
            assertThat(client.post("/_emulator/config", "{\"serverErrorRate\": 2}").status()).isEqualTo(400);
            assertThat(client.post("/_emulator/config", "{\"port\": 1}").status()).isEqualTo(400);
            client.post("/_emulator/config", "{\"serverErrorRate\": 0}");

            assertThat(client.post("/_emulator/reset", "").status()).isEqualTo(200);
            assertThat(emulator.requestLog()).isEmpty();
            Reply afterReset = client.get(Tutorials.REGISTRY + "/tenant/classes", AepClient.XED_ID);
            assertThat(afterReset.json().get("results")).as("created resources are gone").isEmpty();
            assertThat(client.get(Tutorials.FLOWS + "/connections/" + Tutorials.SALESFORCE_CONNECTION).status())
                    .as("the seed is back").isEqualTo(200);
            assertThat(client.get("/_emulator/seed").json().toString()).contains(Tutorials.CRM_TO_AEP);
            assertThat(client.get("/_emulator/nothing").status()).isEqualTo(404);
        }
    }

    @Test
    void options_refuse_impossible_values() {
        EmulatorOptions.Builder builder = EmulatorOptions.builder();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.serverErrorRate(0.7).tooManyRequestsRate(0.7).build())
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmulatorOptions.builder().port(70000).build())
                .isInstanceOf(IllegalArgumentException.class);
        EmulatorOptions defaults = EmulatorOptions.defaults();
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.clientId()).isEqualTo("aep-emulator-client");
        assertThat(defaults.tokenTtlSeconds()).isEqualTo(86399);
    }
}
