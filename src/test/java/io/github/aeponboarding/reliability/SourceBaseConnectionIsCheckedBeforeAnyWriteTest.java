package io.github.aeponboarding.reliability;

import static io.github.aeponboarding.reliability.ResubmissionTest.platformCalls;
import static io.github.aeponboarding.reliability.ResubmissionTest.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.RequestLogEntry;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A request whose base connection does not exist, or belongs to another source, is refused before
 * anything is written (AEP would refuse only the source connection, after the class, the schemas,
 * the dataset and an undeletable mapping set were made), naming {@code source.baseConnectionId}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceBaseConnectionIsCheckedBeforeAnyWriteTest {
    private static final String PAYPAL_BASE_CONNECTION = "24151d58-ffa7-4960-951d-58ffa7396097";
    private RunningBundle bundle;
    private AepEmulator emulator;

    @BeforeAll
    void start() throws Exception {
        BundleTest.clean("target/it/base-connection-check");
        bundle = RunningBundle.start("target/it/base-connection-check", Map.of());
        emulator = bundle.emulator();
    }

    @AfterAll
    void stop() {
        bundle.close();
    }

    @Test
    void a_base_connection_that_does_not_exist_writes_nothing() throws Exception {
        int mark = emulator.requestLog().size();
        JsonNode failed = result(bundle.onboard("r.json", Requests.example("crm", "base-connection-missing",
                r -> r.with("source").put("baseConnectionId", "00000000-0000-4000-8000-000000000000"))));

        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(failed.path("problems").path(0).asText())
                .startsWith("$.source.baseConnectionId: no base connection 00000000-0000-4000-8000-000000000000");
        assertThat(platformCalls(emulator.requestLog(), mark)).as("writes").noneMatch(RequestLogEntry::committed);
    }

    @Test
    void a_base_connection_of_another_source_writes_nothing_also_once_it_is_known() throws Exception {
        // PayPal's base connection read once, by a request that fits it
        assertThat(result(bundle.onboard("ok.json", Requests.example("payments", "base-connection-fits"))).path("status").asText())
                .isEqualTo("CREATED");
        for (String id : new String[] {"base-connection-other-1", "base-connection-other-2"}) {
            int mark = emulator.requestLog().size();
            JsonNode failed = result(bundle.onboard("r.json", Requests.example("crm", id,
                    r -> r.with("source").put("baseConnectionId", PAYPAL_BASE_CONNECTION))));

            assertThat(failed.path("status").asText()).isEqualTo("FAILED");
            assertThat(failed.path("problems").path(0).asText()).startsWith("$.source.baseConnectionId: base connection "
                    + PAYPAL_BASE_CONNECTION + " belongs to connection spec 221c7626-58f6-4eec-8ee2-042b0226f03b");
            assertThat(platformCalls(emulator.requestLog(), mark)).as(id + ": writes").noneMatch(RequestLogEntry::committed);
        }
    }
}
