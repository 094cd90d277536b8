package io.github.aeponboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The {@code status} command's table: one line per request, columns as wide as their widest value. */
final class StatusTable {
    private static final String[] HEADER = {"ID", "SANDBOX", "FLOW", "RUN", "READ", "WRITTEN", "FAILED", "STARTED", "NOTE"};

    private StatusTable() {
    }

    static void print(Iterable<JsonNode> rows, PrintWriter out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        for (JsonNode row : rows) {
            JsonNode run = row.path("run");
            boolean hasRun = run.isObject();
            lines.add(new String[] {row.path("id").asText(), text(row.path("sandbox")),
                text(row.path("flow")), hasRun ? text(run.path("status")) : "-",
                hasRun ? run.path("recordsRead").asText() : "-", hasRun ? run.path("recordsWritten").asText() : "-",
                hasRun ? run.path("recordsFailed").asText() : "-", hasRun ? text(run.path("startedAt")) : "-", note(row)});
        }
        int[] widths = new int[HEADER.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) widths[i] = Math.max(widths[i], line[i].length());
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(i == line.length - 1 ? line[i] : String.format("%-" + widths[i] + "s  ", line[i]));
            }
            out.println(text.toString().stripTrailing());
        }
    }

    /** Why a row is incomplete, or the run's first error code (its message is in --json). */
    private static String note(JsonNode row) {
        if (row.hasNonNull("error")) return row.get("error").asText();
        if (row.path("flowId").isNull() || row.path("flowId").isMissingNode()) return "no flow yet (onboarding not finished)";
        JsonNode errors = row.path("run").path("errors");
        return errors.isEmpty() ? "" : errors.get(0).path("code").asText() + (errors.size() > 1 ? " (+" + (errors.size() - 1) + ")" : "");
    }

    private static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? "-" : value.asText();
    }
}
