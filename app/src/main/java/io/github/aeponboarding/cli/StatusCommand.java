package io.github.aeponboarding.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aeponboarding.onboarding.OnboardedRequests;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * One shot, reads only: every request the store has onboarded (or the given ids) with its flow's
 * state in AEP and its latest run, through the {@code flow-status} route. A table for people,
 * {@code --json} one document for machines. Exit 0; 1 when an id is not in the store or AEP could
 * not be read for a request; 2 on usage errors.
 */
@Command(name = "status", description = "List onboarded requests (all, or the given ids) with their flow's state in AEP "
        + "(enabled, disabled, deleted) and its latest run. Reads only.")
public class StatusCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ID", description = "Request ids (default: every request in the store).")
    List<String> ids;

    @Option(names = "--json", description = "One JSON document ({\"requests\":[...]}) instead of the table.")
    boolean json;

    @Mixin
    CommandLogging logging;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Main main = OneShotBundle.create(Map.of("onboarding.run-watch-seconds", "-1"));
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            if (context.getRegistry().lookupByName("aepEmulator") != null) {
                spec.commandLine().getErr().println("status: no aep.base-url, so this asks a new, empty in-process emulator:"
                        + " set AEP_BASE_URL to the AEP (or standalone emulator) the requests were onboarded on");
            }
            OnboardedRequests store = context.getRegistry().lookupByNameAndType("aepOnboardedRequests", OnboardedRequests.class);
            ProducerTemplate producer = context.createProducerTemplate();
            ArrayNode rows = new ObjectMapper().createArrayNode();
            Set<String> missing = new LinkedHashSet<>(ids == null ? List.of() : ids);
            boolean allRead = true;
            for (OnboardedRequests.Onboarded request : store.withIds(ids)) {
                ObjectNode row = producer.requestBody("direct:aep-flow-status", request, ObjectNode.class);
                allRead &= !row.has("error");
                missing.remove(request.requestId());
                rows.add(row);
            }
            for (String id : missing) {
                rows.addObject().put("id", id).putNull("sandbox").put("complete", false).putNull("flowId").putNull("flow")
                        .putNull("run").put("error", "NOT_ONBOARDED: the store has no request with this id");
            }
            if (json) {
                ObjectNode document = new ObjectMapper().createObjectNode();
                document.set("requests", rows);
                out.println(document);
            } else {
                StatusTable.print(rows, out);
            }
            out.flush();
            return missing.isEmpty() && allRead ? 0 : 1;
        } finally {
            main.stop();
        }
    }
}
