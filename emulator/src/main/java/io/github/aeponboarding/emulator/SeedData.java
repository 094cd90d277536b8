package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state every sandbox starts with, read from {@code seed.json} next to this class: connection specs,
 * the CRMToAEP, RestStorageToAEP and CloudStorageToAEP flowSpecs, a base connection per source (Salesforce, Dynamics,
 * Veeva CRM, SugarCRM, Zoho CRM, Stripe, Square, PayPal)
 * with their explorable tables, and the XDM standard resources target schemas reference.
 */
final class SeedData {
    static final String SALESFORCE_SPEC = "cfc0fee1-7dc0-40ef-b73e-d8b134c436f5";
    static final String DYNAMICS_SPEC = "38ad80fe-8b06-4938-94f4-d4ee80266b07";
    static final String PAYPAL_SPEC = "221c7626-58f6-4eec-8ee2-042b0226f03b";
    static final String S3_SPEC = "ecadc60c-7455-4d87-84dc-2a0e293d997b";
    static final String DATA_LAKE_SPEC = "c604ff05-7f1a-43c0-8e18-33bf874cb11c";
    static final String CRM_TO_AEP = "14518937-270c-4525-bdec-c2ba7cce3860";
    static final String CLOUD_STORAGE_TO_AEP = "9753525b-82c7-4dce-8a9b-5ccfce2b9876";
    static final String SALESFORCE_CONNECTION = "4cb0c374-d3bb-4557-b139-5712880adc55";
    static final String DYNAMICS_CONNECTION = "9b3a2c5d-6e7f-4a1b-8c9d-0e1f2a3b4c5d";
    static final String PAYPAL_CONNECTION = "24151d58-ffa7-4960-951d-58ffa7396097";
    static final String ADHOC_BEHAVIOR = "https://ns.adobe.com/xdm/data/adhoc";
    static final String TENANT_ID = "emulator";

    /** A column as explore shows it: name, type and the source system's original type. */
    record Column(String name, String type, String originalType) {
    }

    /** A table of a base connection, with sample rows for preview and run record counts. */
    record Table(String name, String path, List<Column> columns, List<List<String>> rows) {
    }

    private static final JsonNode SEED = load();

    private SeedData() {
    }

    private static JsonNode load() {
        try (InputStream in = SeedData.class.getResourceAsStream("seed.json")) {
            if (in == null) throw new IllegalStateException("seed.json missing from the classpath");
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SandboxState newSandbox(String name, String orgId) {
        SandboxState state = new SandboxState(name, orgId);
        SEED.get("connectionSpecs").forEach(spec -> state.connectionSpecs.put(spec.get("id").asText(), spec.deepCopy()));
        SEED.get("flowSpecs").forEach(spec -> state.flowSpecs.put(spec.get("id").asText(), spec.deepCopy()));
        SEED.get("xdm").forEach(resource -> state.xdm.put(resource.get("$id").asText(), resource.deepCopy()));
        for (JsonNode seeded : SEED.get("baseConnections")) {
            ObjectNode connection = (ObjectNode) seeded.deepCopy();
            connection.remove("tables");
            connection.put("state", "enabled");
            FlowResources.stamp(connection, state, "emulator-seed", true);
            state.connections.put(connection.get("id").asText(), connection);
            state.tables.put(connection.get("id").asText(), tables(seeded.get("tables")));
        }
        return state;
    }

    private static List<Table> tables(JsonNode seeded) {
        List<Table> tables = new ArrayList<>();
        for (JsonNode table : seeded) {
            List<Column> columns = new ArrayList<>();
            table.get("columns").forEach(c -> columns.add(new Column(c.get(0).asText(), c.get(1).asText(), c.get(2).asText())));
            List<List<String>> rows = new ArrayList<>();
            table.get("rows").forEach(r -> {
                List<String> row = new ArrayList<>();
                r.forEach(v -> row.add(v.asText()));
                rows.add(List.copyOf(row));
            });
            tables.add(new Table(table.get("name").asText(), table.get("path").asText(), List.copyOf(columns), List.copyOf(rows)));
        }
        return List.copyOf(tables);
    }

    /** What the command prints at start and the docs list: the fixed ids a user needs. */
    static Map<String, String> summary() {
        Map<String, String> summary = new LinkedHashMap<>();
        SEED.get("connectionSpecs").forEach(s -> summary.put("connection spec " + s.get("name").asText(), s.get("id").asText()));
        SEED.get("flowSpecs").forEach(s -> summary.put("flowSpec " + s.get("name").asText(), s.get("id").asText()));
        for (JsonNode c : SEED.get("baseConnections")) {
            List<String> paths = new ArrayList<>();
            c.get("tables").forEach(t -> paths.add(t.get("path").asText()));
            summary.put("base connection " + c.get("name").asText(), c.get("id").asText() + " (tables " + String.join(", ", paths) + ")");
        }
        SEED.get("xdm").forEach(x -> summary.put("XDM " + x.get("meta:resourceType").asText() + " " + x.get("title").asText(),
                x.get("$id").asText()));
        return summary;
    }
}
