package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aeponboarding.ExchangeContract;
import java.io.IOException;
import org.apache.camel.Exchange;

/**
 * One row of the {@code status} command (and one refresh of the run monitor), for the
 * {@code flow-status} route: an onboarded request, its flow's state in AEP ({@code enabled},
 * {@code disabled}, or {@code deleted} when {@code GET /flows/{id}} answers 404) and its latest run.
 */
public class FlowStatus {
    private static final String ROW = "aepStatusRow";
    private final ObjectMapper mapper = new ObjectMapper();

    /** The request of the body: its flow into the AepIdFlow header, its sandbox and id into the call's properties. */
    public void begin(Exchange ex) {
        OnboardedRequests.Onboarded request = ex.getMessage().getBody(OnboardedRequests.Onboarded.class);
        ex.getMessage().setHeader(Step.FLOW.header(), request.flowId());
        ex.setProperty(ExchangeContract.SANDBOX, request.sandbox());
        ex.setProperty(ExchangeContract.REQUEST_NAME, request.requestId());
        ObjectNode row = mapper.createObjectNode().put("id", request.requestId()).put("sandbox", request.sandbox())
                .put("complete", request.complete()).put("flowId", request.flowId());
        row.putNull("flow");
        row.putNull("run");
        ex.setProperty(ROW, row);
    }

    public boolean hasFlow(Exchange ex) {
        return ex.getMessage().getHeader(Step.FLOW.header()) != null;
    }

    /** The flow's {@code state} from {@code GET /flows/{id}}. */
    public void flowRead(Exchange ex) throws IOException {
        JsonNode flow = mapper.readTree(ex.getVariable(ExchangeContract.RESPONSE, String.class)).path("items").path(0);
        row(ex).put("flow", flow.path("state").asText("unknown"));
    }

    /** {@code GET /flows/{id}} answered 404: the flow was deleted (in AEP, whatever the store says). */
    public void deleted(Exchange ex) {
        row(ex).put("flow", "deleted");
    }

    /** The flow's latest run ({@code null} when AEP lists none yet). */
    public void runRead(Exchange ex) {
        JsonNode run = FlowRunReport.latest(ex.getVariable(ExchangeContract.RESPONSE, String.class));
        ex.setProperty(RunWatch.RUN, run);
        if (run != null) row(ex).set("run", FlowRunReport.of(run));
    }

    /** AEP could not be read for this request (after the call's retries): the row says why, the others go on. */
    public void failed(Exchange ex) {
        row(ex).put("error", FlowRunReport.describe(ex.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
    }

    public ObjectNode row(Exchange ex) {
        return ex.getProperty(ROW, ObjectNode.class);
    }
}
