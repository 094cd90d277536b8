package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * The first run a new flow gets. Its record counts are the rows of the seeded source tables, so a
 * monitor that reads {@code metrics.recordSummary} sees real numbers; it completes immediately.
 */
final class FlowRuns {
    private FlowRuns() {
    }

    static ObjectNode firstRun(ObjectNode flow, SandboxState state, String clientId) {
        long records = 0;
        for (JsonNode id : flow.path("sourceConnectionIds")) {
            ObjectNode source = state.sourceConnections.get(id.asText());
            String base = Json.text(source, "baseConnectionId");
            JsonNode params = source.path("params");
            String table = params.has("tableName") ? Json.text(params, "tableName") : Json.text(params, "path");
            SeedData.Table found = base == null || table == null ? null : state.table(base, table);
            if (found != null) records += found.rows().size();
        }
        // epoch milliseconds, as the spec's DurationSummary and lastRunDetails and the monitoring tutorial give them
        long started = Instant.now().toEpochMilli();
        long completed = started + 1500;
        ObjectNode run = Json.obj();
        run.put("id", UUID.randomUUID().toString());
        run.put("flowId", flow.get("id").asText());
        run.set("flowSpec", flow.get("flowSpec"));
        run.put("providerRefId", UUID.randomUUID().toString().replace("-", ""));
        FlowResources.stamp(run, state, clientId, true);
        ObjectNode metrics = run.putObject("metrics");
        metrics.putObject("durationSummary").put("startedAtUTC", started).put("completedAtUTC", completed);
        metrics.putObject("sizeSummary").put("inputBytes", records * 128).put("outputBytes", records * 160);
        metrics.putObject("recordSummary").put("inputRecordCount", records).put("outputRecordCount", records)
                .put("failedRecordCount", 0);
        metrics.putObject("fileSummary").put("inputFileCount", 1).put("outputFileCount", 1);
        metrics.putObject("statusSummary").put("status", "success").putArray("errors");
        for (String name : new String[] {"copyActivity", "promotionActivity"}) {
            ObjectNode activity = run.withArray("activities").addObject();
            activity.put("id", name).put("updatedAtUTC", completed);
            activity.set("durationSummary", metrics.get("durationSummary"));
            activity.set("recordSummary", metrics.get("recordSummary"));
            activity.putObject("statusSummary").put("status", "success").putObject("extensions").putObject("manifest");
        }
        return run;
    }

    static ObjectNode details(ObjectNode run) {
        JsonNode duration = run.path("metrics").path("durationSummary");
        return Json.obj().put("id", run.get("id").asText()).put("state", "success")
                .put("startedAtUTC", duration.path("startedAtUTC").asLong())
                .put("completedAtUTC", duration.path("completedAtUTC").asLong());
    }
}
