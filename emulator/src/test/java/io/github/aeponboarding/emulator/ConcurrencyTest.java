package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Concurrent clients: checks and writes are atomic per sandbox, and parallel onboardings do not interfere. */
class ConcurrencyTest extends EmulatorTestBase {

    @Test
    void concurrent_creates_of_the_same_title_yield_exactly_one_class() throws Exception {
        Tutorials template = Tutorials.crm(client);
        ObjectNode body = template.adhocClassBody(template.sourceColumns());
        List<Integer> statuses = Parallel.run(16, () -> client.post(Tutorials.REGISTRY + "/tenant/classes", body).status());
        assertThat(statuses).containsOnly(201, 400);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    }

    @Test
    void parallel_onboardings_all_succeed_and_stay_separate() throws Exception {
        List<String> flows = Parallel.run(8, () -> Tutorials.crm(client).all().flowId);
        assertThat(flows).doesNotHaveDuplicates().hasSize(8);
        assertThat(client.get(Tutorials.FLOWS + "/flows?count=true").json().get("count").asInt()).isEqualTo(8);
        assertThat(client.get(Tutorials.FLOWS + "/runs?count=true").json().get("count").asInt()).isEqualTo(8);
    }

    @Test
    void every_answered_create_is_stored_under_concurrent_load() throws Exception {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Integer> created = Parallel.run(16, () -> {
            int ok = 0;
            for (int i = 0; i < 8; i++) {
                int n = next.incrementAndGet();
                ObjectNode body = AepClient.MAPPER.createObjectNode().put("name", "load-" + n);
                body.putObject("connectionSpec").put("id", Tutorials.DATA_LAKE_SPEC).put("version", "1.0");
                AepClient inSandbox = client.with("x-sandbox-name", sandbox + "-" + (n % 4));
                if (inSandbox.post(Tutorials.FLOWS + "/connections", body).status() == 201) ok++;
                inSandbox.get(Tutorials.FLOWS + "/connections?limit=5");
            }
            return ok;
        });
        assertThat(created.stream().mapToInt(Integer::intValue).sum()).isEqualTo(128);
        int stored = 0;
        for (int s = 0; s < 4; s++) {
            Reply count = client.with("x-sandbox-name", sandbox + "-" + s)
                    .get(Tutorials.FLOWS + "/connections?count=true&property=connectionSpec.id==" + Tutorials.DATA_LAKE_SPEC);
            stored += count.json().get("count").asInt();
        }
        assertThat(stored).isEqualTo(128);
    }
}
