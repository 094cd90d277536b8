package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aeponboarding.ExchangeContract;
import java.io.IOException;
import java.time.Duration;
import org.apache.camel.Exchange;

/**
 * Watching a new flow's first run for the {@code watch-run} route: the result of a CREATED onboarding
 * gets {@code run}, the flow's latest run as AEP reports it, polled with a back-off for at most
 * {@code onboarding.run-watch-seconds} (0: what the first GET shows; negative: not looked at). When the
 * wait ends first, {@code watched} is false and the status is AEP's (in progress). A failure to read
 * the run never fails the onboarding: it is reported as {@code run.error}.
 */
public class RunWatch {
    private static final String DEADLINE = "aepRunWatchDeadline";
    private static final String POLLS = "aepRunWatchPolls";
    /** The latest run read (a JsonNode, or null): the gauge reads it. */
    static final String RUN = "aepRun";
    private static final String ERROR = "aepRunError";
    /** The result being completed: the calls use the message's body, so it is kept aside. */
    private static final String RESULT = "aepRunResult";
    private static final long FIRST_PAUSE_MS = 250;
    private static final long MAX_PAUSE_MS = 5000;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Duration wait;

    /** @param wait how long to watch; negative: the result reports no run and no call is made */
    public RunWatch(Duration wait) {
        this.wait = wait;
    }

    /** A CREATED result with a flow, and watching not switched off. */
    public boolean applies(Exchange ex) throws IOException {
        if (wait.isNegative()) return false;
        JsonNode result = mapper.readTree(ex.getMessage().getBody(String.class));
        return "CREATED".equals(result.path("status").asText()) && result.hasNonNull("flowId");
    }

    /** The flow and sandbox of the result, and the deadline. */
    public void begin(Exchange ex) throws IOException {
        String text = ex.getMessage().getBody(String.class);
        ex.setProperty(RESULT, text);
        JsonNode result = mapper.readTree(text);
        ex.getMessage().setHeader(Step.FLOW.header(), result.get("flowId").asText());
        ex.setProperty(ExchangeContract.SANDBOX, result.path("sandbox").asText(null));
        ex.setProperty(ExchangeContract.REQUEST_NAME, result.path("id").asText());
        ex.setProperty(DEADLINE, System.currentTimeMillis() + wait.toMillis());
        ex.setProperty(POLLS, 0);
    }

    /** Another GET while the run has not ended and the wait has not either (the first GET always). */
    public boolean keepWatching(Exchange ex) {
        int polls = ex.getProperty(POLLS, 0, Integer.class);
        if (polls == 0) return true;
        JsonNode run = ex.getProperty(RUN, JsonNode.class);
        boolean ended = run != null && FlowRunReport.ended(run);
        return !ended && System.currentTimeMillis() < ex.getProperty(DEADLINE, 0L, Long.class);
    }

    /** Before every GET but the first: 250 ms, doubling up to 5 s, never past the deadline. */
    public void pause(Exchange ex) throws InterruptedException {
        int polls = ex.getProperty(POLLS, 0, Integer.class);
        ex.setProperty(POLLS, polls + 1);
        if (polls == 0) return;
        long pause = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS << Math.min(polls - 1, 10));
        long left = ex.getProperty(DEADLINE, 0L, Long.class) - System.currentTimeMillis();
        Thread.sleep(Math.max(0, Math.min(pause, left)));
    }

    /** The flow's latest run in the GET's answer (none yet: AEP has not started one). */
    public void read(Exchange ex) {
        ex.setProperty(RUN, FlowRunReport.latest(ex.getVariable(ExchangeContract.RESPONSE, String.class)));
    }

    /** The GET failed for good (after its retries): reported, never a failure of the onboarding. */
    public void failed(Exchange ex) {
        ex.setProperty(ERROR, FlowRunReport.describe(ex.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
    }

    /** The result with {@code run}; the run itself (or null) stays in a property for the gauge. */
    public String report(Exchange ex) throws IOException {
        ObjectNode result = (ObjectNode) mapper.readTree(ex.getProperty(RESULT, String.class));
        JsonNode run = ex.getProperty(RUN, JsonNode.class);
        ObjectNode report;
        if (run != null) {
            report = FlowRunReport.of(run);
            report.put("watched", FlowRunReport.ended(run));
        } else {
            report = mapper.createObjectNode().putNull("id").putNull("status");
            report.put("watched", false);
        }
        String error = ex.getProperty(ERROR, String.class);
        if (error != null) report.put("error", error);
        result.set("run", report);
        return mapper.writeValueAsString(result);
    }

    /** For the gauge: the latest run read, if any. */
    public static JsonNode run(Exchange ex) {
        return ex.getProperty(RUN, JsonNode.class);
    }
}
