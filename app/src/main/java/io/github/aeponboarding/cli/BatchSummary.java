package io.github.aeponboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a one-shot run of many files tells the operator on stderr (stdout keeps one JSON result per
 * request, for scripts): {@code [n/N] <id> <status>} as each request ends, then counts by status and
 * each failure with its step and message.
 */
final class BatchSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int total;
    private final Map<String, Integer> byStatus = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private String last = "";
    private int done;

    BatchSummary(int total) {
        this.total = total;
    }

    void add(Path file, String status, String result) {
        done++;
        byStatus.merge(status, 1, Integer::sum);
        JsonNode doc = read(result);
        String id = doc.path("id").asText(file.getFileName().toString());
        last = "[" + done + "/" + total + "] " + id + " " + status;
        if ("FAILED".equals(status)) {
            failures.add(file + " (" + id + "): " + doc.path("step").asText("?") + ": " + doc.path("code").asText("") + " "
                    + doc.path("message").asText(""));
        }
    }

    /** The line of the request just added. */
    String progress() {
        return last;
    }

    boolean allSucceeded() {
        return failures.isEmpty();
    }

    void print(PrintWriter err) {
        err.println("summary: " + done + " request(s)");
        byStatus.forEach((status, n) -> err.printf("  %-11s %d%n", status, n));
        if (!failures.isEmpty()) {
            err.println("failures:");
            failures.forEach(f -> err.println("  " + f));
        }
    }

    private static JsonNode read(String result) {
        try {
            return JSON.readTree(result == null ? "{}" : result);
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }
}
