package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Concurrent clients: checks and writes are atomic per sandbox, and parallel onboardings do not interfere. */
class ConcurrencyTest extends EmulatorTestBase {

    @Test
    void concurrentCreatesOfTheSameTitleYieldExactlyOneClass() throws Exception {
        Tutorials template = Tutorials.crm(client);
        ObjectNode body = template.adhocClassBody(template.sourceColumns());
        List<Integer> statuses = Parallel.run(16, () -> client.post(Tutorials.REGISTRY + "/tenant/classes", body).status());
        assertThat(statuses).containsOnly(201, 400);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    }

    @Test
    void parallelOnboardingsAllSucceedAndStaySeparate() throws Exception {
        List<String> flows = Parallel.run(8, () -> Tutorials.crm(client).all().flowId);
        assertThat(flows).doesNotHaveDuplicates().hasSize(8);
        assertThat(client.get(Tutorials.FLOWS + "/flows?count=true").json().get("count").asInt()).isEqualTo(8);
        assertThat(client.get(Tutorials.FLOWS + "/runs?count=true").json().get("count").asInt()).isEqualTo(8);
    }
}
