package io.github.aeponboarding.emulator;

import static io.github.aeponboarding.emulator.FlowPayload.bad;
import static io.github.aeponboarding.emulator.FlowPayload.body;
import static io.github.aeponboarding.emulator.FlowPayload.optionalString;
import static io.github.aeponboarding.emulator.FlowPayload.requireObject;
import static io.github.aeponboarding.emulator.FlowPayload.requireString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The POST rules of Flow Service: required fields and types of the spec's request models, and the
 * referential integrity AEP enforces (specs, base connections, schemas, datasets, mapping sets, and a
 * source's connection spec being one the flowSpec accepts).
 */
final class FlowServiceCreates {
    private static final Set<String> SOURCE_FORMATS = Set.of("parquet_xdm", "tabular", "delimited", "json", "parquet");
    private final FlowRuns runs;

    FlowServiceCreates(FlowRuns runs) {
        this.runs = runs;
    }

    ApiResponse connection(ApiRequest request, List<String> params, SandboxState state) {
        ObjectNode body = body(request, "connections");
        optionalString(body, "name", "connections");
        ObjectNode spec = connectionSpec(body, state, "connections");
        JsonNode authSpecs = spec.path("authSpec");
        if (authSpecs.isArray() && !authSpecs.isEmpty()) checkAuth(body.get("auth"), authSpecs);
        ObjectNode connection = body.deepCopy();
        connection.remove("auth");
        if (body.has("auth")) connection.set("auth", maskedAuth(body.get("auth")));
        connection.put("state", "enabled");
        return created(state.connections, connection, request, state, "connections");
    }

    ApiResponse sourceConnection(ApiRequest request, List<String> params, SandboxState state) {
        ObjectNode body = body(request, "sourceConnections");
        requireString(body, "name", "sourceConnections");
        ObjectNode spec = connectionSpec(body, state, "sourceConnections");
        if (!spec.path("attributes").path("isSource").asBoolean()) {
            throw bad("Connection spec " + spec.get("id").asText() + " is not a source connection spec", "sourceConnections");
        }
        ObjectNode base = baseConnection(body, spec, state, "sourceConnections");
        JsonNode data = requireObject(body, "data", "sourceConnections");
        String format = requireString(data, "format", "sourceConnections");
        if (!SOURCE_FORMATS.contains(format)) {
            throw bad("data.format must be one of " + SOURCE_FORMATS + ": " + format, "sourceConnections");
        }
        if (data.has("schema")) checkSchemaReference(data.get("schema"), state, "sourceConnections");
        if (base == null && spec.has("exploreSpec") && "table".equals(spec.path("exploreSpec").path("type").asText())) {
            throw bad("baseConnectionId is required for table-based sources", "sourceConnections");
        }
        SourceSpecRules.checkParams(body.get("params"), spec, base, state);
        return created(state.sourceConnections, body.deepCopy(), request, state, "sourceConnections");
    }

    ApiResponse targetConnection(ApiRequest request, List<String> params, SandboxState state) {
        ObjectNode body = body(request, "targetConnections");
        optionalString(body, "name", "targetConnections");
        ObjectNode spec = connectionSpec(body, state, "targetConnections");
        if (!spec.path("attributes").path("isDestination").asBoolean()) {
            throw ErrorBodies.flowService(400, "1413", "Connection spec " + spec.get("id").asText() + " (" + spec.get("name").asText()
                    + ") cannot be used for a target connection; use the Data Lake connection spec "
                    + SeedData.DATA_LAKE_SPEC, "targetConnections");
        }
        baseConnection(body, spec, state, "targetConnections");
        JsonNode data = requireObject(body, "data", "targetConnections");
        requireString(data, "format", "targetConnections");
        JsonNode targetParams = body.path("params");
        JsonNode targetSpec = spec.path("targetSpec").path("spec");
        if (!targetSpec.isMissingNode()) {
            List<String> problems = JsonSchemas.problems(targetSpec, targetParams.isMissingNode() ? Json.obj() : targetParams);
            if (!problems.isEmpty()) throw bad("params: " + String.join("; ", problems), "targetConnections");
        }
        String dataSetId = Json.text(targetParams, "dataSetId");
        if (dataSetId != null) {
            ObjectNode dataSet = state.dataSets.get(dataSetId);
            if (dataSet == null) throw bad("Dataset " + dataSetId + " does not exist in this sandbox", "targetConnections");
            if (data.has("schema")) {
                String schemaId = checkSchemaReference(data.get("schema"), state, "targetConnections");
                String dataSetSchema = dataSet.path("schemaRef").path("id").asText();
                if (!schemaId.equals(dataSetSchema)) {
                    throw bad("data.schema.id " + schemaId + " is not the schema of dataset " + dataSetId + " ("
                            + dataSetSchema + ")", "targetConnections");
                }
            }
        }
        return created(state.targetConnections, body.deepCopy(), request, state, "targetConnections");
    }

    ApiResponse flow(ApiRequest request, List<String> params, SandboxState state) {
        ObjectNode body = body(request, "flows");
        if (body.has("state")) throw ErrorBodies.flowService(400, "1410", "state is not allowed when creating a flow", "flows");
        optionalString(body, "name", "flows");
        checkFlowSettings(body, state);
        ObjectNode flow = body.deepCopy();
        flow.put("state", "enabled");
        flow.set("inheritedAttributes", inheritedAttributes(flow, state));
        ApiResponse response = created(state.flows, flow, request, state, "flows");
        String flowId = flow.get("id").asText();
        flow.put("runs", "/runs?property=flowId==" + flowId);
        runs.first(flow, state, request.clientId);
        flow.putObject("lastOperation").put("started", flow.get("createdAt").asLong()).put("ops", "create")
                .putObject("status").put("value", "completed");
        return response;
    }

    /** Everything of a flow that a create or a PATCH must keep valid. */
    void checkFlowSettings(ObjectNode flow, SandboxState state) {
        JsonNode specInfo = requireObject(flow, "flowSpec", "flows");
        String specId = requireString(specInfo, "id", "flows");
        ObjectNode flowSpec = state.flowSpecs.get(specId);
        if (flowSpec == null) throw ErrorBodies.flowService(400, "1413", "Invalid flowSpec id " + specId, "flows");
        String version = Json.text(specInfo, "version");
        if (version != null && !version.equals(flowSpec.get("version").asText())) {
            throw ErrorBodies.flowService(400, "1413", "flowSpec " + specId + " has no version " + version, "flows");
        }
        List<ObjectNode> sources = connections(flow, "sourceConnectionIds", state.sourceConnections, flowSpec, "sourceConnectionSpecIds");
        List<ObjectNode> targets = connections(flow, "targetConnectionIds", state.targetConnections, flowSpec, "targetConnectionSpecIds");
        FlowTransformations.check(flow, flowSpec, sources, targets, state);
        JsonNode scheduleSpec = flowSpec.path("scheduleSpec").path("spec");
        if (!scheduleSpec.isMissingNode()) {
            JsonNode schedule = requireObject(flow, "scheduleParams", "flows");
            List<String> problems = JsonSchemas.problems(scheduleSpec, schedule);
            if (!problems.isEmpty()) throw bad("scheduleParams: " + String.join("; ", problems), "flows");
            SourceSpecRules.checkFrequency(schedule, sources, state);
        }
    }

    private List<ObjectNode> connections(ObjectNode flow, String field, Map<String, ObjectNode> store, ObjectNode flowSpec,
                                         String allowedField) {
        JsonNode ids = flow.get(field);
        if (ids == null || !ids.isArray() || ids.isEmpty()) throw bad(field + " must be a non-empty array of ids", "flows");
        Set<String> allowed = new LinkedHashSet<>();
        flowSpec.path(allowedField).forEach(id -> allowed.add(id.asText()));
        List<ObjectNode> found = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isTextual()) throw bad(field + " must contain strings", "flows");
            ObjectNode connection = store.get(id.asText());
            if (connection == null) throw bad(field + ": no connection with id " + id.asText(), "flows");
            String connectionSpec = connection.path("connectionSpec").path("id").asText();
            if (!allowed.contains(connectionSpec)) {
                throw ErrorBodies.flowService(400, "1413", "flowSpec " + flowSpec.get("name").asText() + " ("
                        + flowSpec.get("id").asText() + ") does not accept connection spec " + connectionSpec
                        + " in " + field + "; allowed: " + allowed, "flows");
            }
            found.add(connection);
        }
        return found;
    }

    private static ObjectNode inheritedAttributes(ObjectNode flow, SandboxState state) {
        ObjectNode attributes = Json.obj();
        attributes.set("sourceConnections", summaries(flow.get("sourceConnectionIds"), state.sourceConnections, state));
        attributes.set("targetConnections", summaries(flow.get("targetConnectionIds"), state.targetConnections, state));
        attributes.putObject("properties").put("isSourceFlow", true);
        return attributes;
    }

    private static ArrayNode summaries(JsonNode ids, Map<String, ObjectNode> store, SandboxState state) {
        ArrayNode list = Json.arr();
        for (JsonNode id : ids) {
            ObjectNode connection = store.get(id.asText());
            ObjectNode summary = list.addObject().put("id", id.asText());
            summary.set("connectionSpec", connection.get("connectionSpec"));
            ObjectNode base = state.connections.get(Json.text(connection, "baseConnectionId"));
            if (base != null) {
                summary.putObject("baseConnection").put("id", base.get("id").asText()).set("connectionSpec", base.get("connectionSpec"));
            }
        }
        return list;
    }

    /** Checks {@code {id, version}} of a schema reference and returns the id. */
    private static String checkSchemaReference(JsonNode schema, SandboxState state, String type) {
        if (!schema.isObject()) throw bad("data.schema must be an object", type);
        String id = requireString(schema, "id", type);
        if (Xdm.schema(state, id) == null) throw bad("data.schema.id " + id + " is not a schema in this sandbox", type);
        String version = Json.text(schema, "version");
        if (version != null && !Xdm.isXedContentType(version)) {
            throw bad("data.schema.version must be an XED content type with a version, e.g. "
                    + "application/vnd.adobe.xed-full+json;version=1: " + version, type);
        }
        return id;
    }

    private static ObjectNode connectionSpec(ObjectNode body, SandboxState state, String type) {
        JsonNode specInfo = requireObject(body, "connectionSpec", type);
        String id = requireString(specInfo, "id", type);
        String version = requireString(specInfo, "version", type);
        ObjectNode spec = state.connectionSpecs.get(id);
        if (spec == null) throw ErrorBodies.flowService(400, "1413", "Invalid connection spec id " + id, type);
        if (!version.equals(spec.get("version").asText())) {
            throw ErrorBodies.flowService(400, "1413", "Connection spec " + id + " has no version " + version, type);
        }
        return spec;
    }

    private static ObjectNode baseConnection(ObjectNode body, ObjectNode spec, SandboxState state, String type) {
        if (!body.has("baseConnectionId")) return null;
        String id = requireString(body, "baseConnectionId", type);
        ObjectNode base = state.connections.get(id);
        if (base == null) throw bad("Base connection " + id + " does not exist in this sandbox", type);
        String baseSpec = base.path("connectionSpec").path("id").asText();
        if (!baseSpec.equals(spec.get("id").asText())) {
            throw bad("Base connection " + id + " uses connection spec " + baseSpec + ", not " + spec.get("id").asText(), type);
        }
        return base;
    }

    private static void checkAuth(JsonNode auth, JsonNode authSpecs) {
        if (auth == null || !auth.isObject()) throw bad("auth is required by this connection spec", "connections");
        String specName = requireString(auth, "specName", "connections");
        for (JsonNode authSpec : authSpecs) {
            if (specName.equals(authSpec.path("name").asText())) {
                List<String> problems = JsonSchemas.problems(authSpec.get("spec"), auth.path("params"));
                if (!problems.isEmpty()) throw bad("auth.params: " + String.join("; ", problems), "connections");
                return;
            }
        }
        throw bad("auth.specName " + specName + " is not an authSpec of this connection spec", "connections");
    }

    /** Flow Service never returns secrets it was given. */
    private static JsonNode maskedAuth(JsonNode auth) {
        ObjectNode masked = auth.deepCopy();
        JsonNode params = masked.get("params");
        if (params instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("secret") || lower.contains("password") || lower.contains("token")) object.put(name, "<redacted>");
            }
        }
        return masked;
    }

    private static ApiResponse created(Map<String, ObjectNode> store, ObjectNode resource, ApiRequest request,
                                       SandboxState state, String type) {
        String id = FlowServiceApi.newId();
        resource.put("id", id);
        FlowResources.stamp(resource, state, request.clientId, true);
        resource.put("version", resource.get("etag").asText());
        store.put(id, resource);
        ObjectNode body = Json.obj().put("id", id).put("etag", resource.get("etag").asText());
        return ApiResponse.json(201, body).header("Location", Service.FLOW_SERVICE.prefix + "/" + type + "/" + id).committed();
    }
}
