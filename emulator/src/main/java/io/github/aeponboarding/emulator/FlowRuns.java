package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Flow runs as the monitoring tutorial (dataflows/api/monitor.md) shows them: a run is
 * {@code inProgress} for {@link EmulatorOptions#runDurationMillis()}, then ends {@code success},
 * {@code failed} or {@code partialSuccess}, with record counts from the seeded source tables and AEP's
 * error codes. The end is decided when the run starts (the table's configured outcome, else one draw of
 * a seeded generator against the failure rate) and applied by {@link #settle} before every Flow Service
 * request, so every read sees the same state and {@code lastRunDetails} follows the flow's latest run.
 */
final class FlowRuns {
    /** A run under way: when it ends, how, and the records its source tables hold. */
    record Pending(String flowId, long endsAt, String outcome, String table, long records) {
    }

    private final Supplier<EmulatorOptions> options;
    private Random random;

    FlowRuns(Supplier<EmulatorOptions> options) {
        this.options = options;
        restartSequence();
    }

    /** A fresh generator from the seed (at start, on configure and reset), like the fault sequence. */
    synchronized void restartSequence() {
        random = new Random(options.get().seed() ^ 0x52554e53L);
    }

    /** A new flow's first run; a disabled flow gets none. */
    void first(ObjectNode flow, SandboxState state, String clientId) {
        if (!"enabled".equals(Json.text(flow, "state"))) return;
        ObjectNode run = Json.obj();
        run.put("id", UUID.randomUUID().toString());
        run.put("flowId", flow.get("id").asText());
        run.set("flowSpec", flow.get("flowSpec"));
        run.put("providerRefId", UUID.randomUUID().toString().replace("-", ""));
        FlowResources.stamp(run, state, clientId, true);
        state.runs.put(run.get("id").asText(), run);
        begin(run, flow, state, clientId);
    }

    /** {@code RE_TRIGGER}: the run starts again, in progress, with a new end drawn. */
    void restart(ObjectNode run, ObjectNode flow, SandboxState state, String clientId) {
        FlowResources.stamp(run, state, clientId, false);
        begin(run, flow, state, clientId);
    }

    boolean inProgress(ObjectNode run, SandboxState state) {
        return state.pendingRuns.containsKey(run.get("id").asText());
    }

    /** Ends every run whose time is up (and forgets the runs of deleted flows). */
    void settle(SandboxState state) {
        long now = System.currentTimeMillis();
        for (Iterator<java.util.Map.Entry<String, Pending>> it = state.pendingRuns.entrySet().iterator(); it.hasNext(); ) {
            java.util.Map.Entry<String, Pending> entry = it.next();
            ObjectNode run = state.runs.get(entry.getKey());
            if (run == null) {
                it.remove();
            } else if (entry.getValue().endsAt() <= now) {
                it.remove();
                end(run, entry.getValue(), state);
            }
        }
    }

    static ObjectNode details(ObjectNode run) {
        JsonNode duration = run.path("metrics").path("durationSummary");
        ObjectNode details = Json.obj().put("id", run.get("id").asText())
                .put("state", run.path("metrics").path("statusSummary").path("status").asText())
                .put("startedAtUTC", duration.path("startedAtUTC").asLong());
        if (duration.has("completedAtUTC")) details.put("completedAtUTC", duration.get("completedAtUTC").asLong());
        return details;
    }

    private void begin(ObjectNode run, ObjectNode flow, SandboxState state, String clientId) {
        List<String> tables = new ArrayList<>();
        long records = 0;
        for (JsonNode id : flow.path("sourceConnectionIds")) {
            ObjectNode source = state.sourceConnections.get(id.asText());
            if (source == null) continue;
            String base = Json.text(source, "baseConnectionId");
            JsonNode params = source.path("params");
            String table = params.has("tableName") ? Json.text(params, "tableName") : Json.text(params, "path");
            if (table != null) tables.add(table);
            SeedData.Table found = base == null || table == null ? null : state.table(base, table);
            if (found != null) records += found.rows().size();
        }
        EmulatorOptions now = options.get();
        String outcome = outcome(tables, now);
        // epoch milliseconds, as the spec's DurationSummary and lastRunDetails and the monitoring tutorial give them
        long started = System.currentTimeMillis();
        state.pendingRuns.put(run.get("id").asText(), new Pending(flow.get("id").asText(), started + now.runDurationMillis(),
                outcome, tables.isEmpty() ? "source" : tables.get(0), records));
        ObjectNode metrics = run.putObject("metrics");
        metrics.putObject("durationSummary").put("startedAtUTC", started);
        metrics.putObject("sizeSummary").put("inputBytes", 0).put("outputBytes", 0);
        metrics.putObject("recordSummary").put("inputRecordCount", 0).put("outputRecordCount", 0).put("failedRecordCount", 0);
        metrics.putObject("fileSummary").put("inputFileCount", 0).put("outputFileCount", 0);
        metrics.putObject("statusSummary").put("status", "inProgress").putArray("errors");
        ArrayNode activities = run.putArray("activities");
        ObjectNode copy = activities.addObject().put("id", "copyActivity").put("updatedAtUTC", started);
        copy.putObject("durationSummary").put("startedAtUTC", started);
        copy.putObject("statusSummary").put("status", "inProgress");
        flow.set("lastRunDetails", details(run));
        settle(state);   // a run of no duration has ended already
    }

    /** The table's configured end wins; otherwise one draw (always taken, so the sequence depends only on the order). */
    private synchronized String outcome(List<String> tables, EmulatorOptions now) {
        boolean fails = random.nextDouble() < now.runFailureRate();
        for (String table : tables) {
            String configured = now.runOutcomes().get(table);
            if (configured != null) return configured;
        }
        return fails ? "failed" : "success";
    }

    private static void end(ObjectNode run, Pending pending, SandboxState state) {
        ObjectNode metrics = (ObjectNode) run.get("metrics");
        long started = metrics.path("durationSummary").path("startedAtUTC").asLong();
        // a run takes at least a millisecond: completedAtUTC is after startedAtUTC, as in every AEP example
        long completed = Math.max(Math.max(System.currentTimeMillis(), pending.endsAt()), started + 1);
        long failed = switch (pending.outcome()) {
            case "partialSuccess" -> Math.min(pending.records(), Math.max(1, pending.records() / 4));
            default -> 0;
        };
        long read = pending.outcome().equals("failed") ? 0 : pending.records();
        long written = read - failed;
        ((ObjectNode) metrics.get("durationSummary")).put("completedAtUTC", completed);
        metrics.putObject("sizeSummary").put("inputBytes", read * 128).put("outputBytes", written * 160);
        metrics.putObject("recordSummary").put("inputRecordCount", read).put("outputRecordCount", written)
                .put("failedRecordCount", failed);
        metrics.putObject("fileSummary").put("inputFileCount", 1).put("outputFileCount", written > 0 ? 1 : 0);
        ObjectNode status = metrics.putObject("statusSummary").put("status", pending.outcome());
        ArrayNode errors = status.putArray("errors");
        ArrayNode activities = run.putArray("activities");
        ObjectNode copy = activity(activities, "copyActivity", started, completed, metrics);
        if (pending.outcome().equals("failed")) {
            // the connector could not read the source: the copy activity fails and nothing is promoted
            ObjectNode error = Json.obj().put("code", "CONNECTOR-2001-500")
                    .put("message", "Error occurred at copy activity: table " + pending.table() + " could not be read from the source.");
            errors.add(error);
            copy.putObject("statusSummary").put("status", "failed").putArray("errors").add(error.deepCopy());
        } else {
            copy.putObject("statusSummary").put("status", "success");
            ObjectNode promotion = activity(activities, "promotionActivity", started, completed, metrics);
            ObjectNode promotionStatus = promotion.putObject("statusSummary").put("status", pending.outcome());
            ObjectNode extensions = promotionStatus.putObject("extensions");
            extensions.putObject("manifest");
            if (failed > 0) {
                // row errors as the monitoring tutorial shows them: the ingest summary and the mapper's count
                ArrayNode rowErrors = extensions.putArray("errors");
                rowErrors.addObject().put("code", "INGEST-1212-400").put("message", "Encountered " + failed
                        + " errors in the data. Successfully ingested " + written + " rows. Review the associated diagnostic files for additional details.");
                rowErrors.addObject().put("code", "MAPPER-3700-400").put("recordCount", failed).put("message", "Mapper Transform Error");
            }
        }
        run.put("updatedAt", completed);
        run.put("etag", FlowResources.newEtag());
        ObjectNode flow = state.flows.get(pending.flowId());
        if (flow != null && run.get("id").asText().equals(flow.path("lastRunDetails").path("id").asText())) {
            flow.set("lastRunDetails", details(run));
        }
    }

    private static ObjectNode activity(ArrayNode activities, String id, long started, long completed, ObjectNode metrics) {
        ObjectNode activity = activities.addObject().put("id", id).put("updatedAtUTC", completed);
        activity.putObject("durationSummary").put("startedAtUTC", started).put("completedAtUTC", completed);
        activity.set("sizeSummary", metrics.get("sizeSummary").deepCopy());
        activity.set("recordSummary", metrics.get("recordSummary").deepCopy());
        activity.set("fileSummary", metrics.get("fileSummary").deepCopy());
        return activity;
    }
}
