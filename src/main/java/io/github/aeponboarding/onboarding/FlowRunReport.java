package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A flow run as the bundle reports it (the result's {@code run}, the {@code status} command, the
 * gauge): read from Flow Service's {@code GET /runs?property=flowId==} answer, with the status as AEP
 * gives it ({@code inProgress}, {@code success}, {@code failed}, {@code partialSuccess}), the record
 * counts, the duration and every error, run-level and activity-level (row errors carry their count).
 */
public final class FlowRunReport {
    /** The status of a run that has not ended (Flow Service's {@code metrics.statusSummary.status}). */
    public static final String IN_PROGRESS = "inProgress";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FlowRunReport() {
    }

    /** The flow's latest run in a runs answer (latest start, then latest creation): null when AEP lists none yet. */
    public static JsonNode latest(String runsAnswer) {
        JsonNode items;
        try {
            items = MAPPER.readTree(runsAnswer == null ? "{}" : runsAnswer).path("items");
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable runs answer from AEP", e);
        }
        JsonNode latest = null;
        for (JsonNode run : items) {
            if (latest == null || startedAt(run) > startedAt(latest)
                    || startedAt(run) == startedAt(latest) && run.path("createdAt").asLong() > latest.path("createdAt").asLong()) {
                latest = run;
            }
        }
        return latest;
    }

    public static String status(JsonNode run) {
        return run.path("metrics").path("statusSummary").path("status").asText(null);
    }

    public static boolean ended(JsonNode run) {
        String status = status(run);
        return status != null && !IN_PROGRESS.equalsIgnoreCase(status);
    }

    /** {@code {id, status, recordsRead, recordsWritten, recordsFailed, durationMs, startedAt, completedAt, errors[]}}. */
    public static ObjectNode of(JsonNode run) {
        ObjectNode report = MAPPER.createObjectNode();
        report.put("id", run.path("id").asText(null));
        report.put("status", status(run));
        JsonNode records = run.path("metrics").path("recordSummary");
        report.put("recordsRead", records.path("inputRecordCount").asLong());
        report.put("recordsWritten", records.path("outputRecordCount").asLong());
        report.put("recordsFailed", records.path("failedRecordCount").asLong());
        JsonNode duration = run.path("metrics").path("durationSummary");
        long started = duration.path("startedAtUTC").asLong(0);
        long completed = duration.path("completedAtUTC").asLong(0);
        if (started > 0 && completed >= started) {
            report.put("durationMs", completed - started);
        } else {
            report.putNull("durationMs");   // not ended yet
        }
        report.put("startedAt", started > 0 ? Instant.ofEpochMilli(started).toString() : null);
        report.put("completedAt", completed > 0 ? Instant.ofEpochMilli(completed).toString() : null);
        ArrayNode errors = report.putArray("errors");
        addErrors(errors, run.path("metrics").path("statusSummary").path("errors"));
        for (JsonNode activity : run.path("activities")) {
            JsonNode status = activity.path("statusSummary");
            addErrors(errors, status.path("errors"));
            addErrors(errors, status.path("extensions").path("errors"));
        }
        return report;
    }

    /** Each distinct error once (the monitoring tutorial repeats the run's error on its activity). */
    private static void addErrors(ArrayNode into, JsonNode errors) {
        for (JsonNode error : errors) {
            ObjectNode e = MAPPER.createObjectNode().put("code", error.path("code").asText(null))
                    .put("message", error.path("message").asText(null));
            if (error.has("recordCount")) e.put("recordCount", error.get("recordCount").asLong());
            boolean seen = false;
            for (JsonNode known : into) seen |= known.equals(e);
            if (!seen) into.add(e);
        }
    }

    /** Why AEP could not be read, for {@code run.error} and a status row's {@code error}. */
    static String describe(Throwable failure) {
        io.github.aeponboarding.aep.AepError error = io.github.aeponboarding.aep.AepError.of(failure);
        return error.code() + (error.httpStatus() != null ? " (HTTP " + error.httpStatus() + ")" : "") + ": " + error.message();
    }

    private static long startedAt(JsonNode run) {
        return run.path("metrics").path("durationSummary").path("startedAtUTC").asLong(0);
    }
}
