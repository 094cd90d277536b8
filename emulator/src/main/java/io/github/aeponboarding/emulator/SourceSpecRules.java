package io.github.aeponboarding.emulator;

import static io.github.aeponboarding.emulator.FlowPayload.bad;
import static io.github.aeponboarding.emulator.FlowPayload.requireString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a source's connection spec says about its source connections and flows: {@code params} must
 * satisfy the spec's {@code sourceSpec.spec} (Stripe's {@code resourcePath} is one of its resources,
 * SugarCRM's {@code object_type} and {@code path} are given), the table or resource named must exist in
 * the base connection with the columns listed, and a flow runs only at the frequencies the source
 * supports ({@code attributes.scheduleFrequencies}, SugarCRM: hour or day).
 */
final class SourceSpecRules {
    private SourceSpecRules() {
    }

    static void checkParams(JsonNode params, ObjectNode spec, ObjectNode base, SandboxState state) {
        JsonNode paramsSpec = spec.path("sourceSpec").path("spec");
        if (paramsSpec.isObject()) {
            List<String> problems = JsonSchemas.problems(paramsSpec, params == null ? Json.obj() : params);
            if (!problems.isEmpty()) {
                throw bad("params: " + String.join("; ", problems) + " (connection spec " + spec.get("name").asText() + ")",
                        "sourceConnections");
            }
        }
        if (base != null && state.tables.containsKey(base.get("id").asText())) {
            checkTable(params, base, state);
        }
    }

    /** The frequencies the sources of a flow support, when their connection spec narrows the flowSpec's. */
    static void checkFrequency(JsonNode schedule, List<ObjectNode> sources, SandboxState state) {
        String frequency = Json.text(schedule, "frequency");
        for (ObjectNode source : sources) {
            ObjectNode spec = state.connectionSpecs.get(source.path("connectionSpec").path("id").asText());
            JsonNode allowed = spec == null ? null : spec.path("attributes").get("scheduleFrequencies");
            if (allowed == null || !allowed.isArray()) continue;
            List<String> names = new ArrayList<>();
            allowed.forEach(f -> names.add(f.asText()));
            if (frequency != null && !names.contains(frequency)) {
                throw bad("scheduleParams.frequency: " + frequency + " is not supported by source " + spec.get("name").asText()
                        + "; supported: " + names, "flows");
            }
        }
    }

    /** The table (tableName or path) or resource (resourcePath) named must be one the base connection explores. */
    private static void checkTable(JsonNode params, ObjectNode base, SandboxState state) {
        String baseId = base.get("id").asText();
        String table = null;
        for (String field : List.of("tableName", "resourcePath", "path")) {
            if (table == null && params != null) table = Json.text(params, field);
        }
        if (table == null) {
            throw bad("params.tableName (or params.path, params.resourcePath) names what to read and is required", "sourceConnections");
        }
        SeedData.Table found = state.table(baseId, table);
        if (found == null) {
            throw bad("Table " + table + " does not exist in base connection " + baseId + " (see its explore)", "sourceConnections");
        }
        JsonNode columns = params.get("columns");
        if (columns == null) return;
        if (!columns.isArray()) throw bad("params.columns must be an array", "sourceConnections");
        Set<String> known = new LinkedHashSet<>();
        found.columns().forEach(c -> known.add(c.name()));
        for (JsonNode column : columns) {
            String name = requireString(column, "name", "sourceConnections");
            requireString(column, "type", "sourceConnections");
            if (!known.contains(name)) {
                throw bad("Column " + name + " does not exist in table " + table + "; columns are " + known, "sourceConnections");
            }
        }
    }
}
