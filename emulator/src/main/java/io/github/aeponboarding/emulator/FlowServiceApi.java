package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Flow Service ({@code /data/foundation/flowservice}): connection specs, flowSpecs, base / source /
 * target connections, flows and runs, with explore. Creation rules live in {@link FlowServiceCreates};
 * this class routes and implements reads, deletes and updates.
 */
final class FlowServiceApi {
    private static final Service SERVICE = Service.FLOW_SERVICE;
    private final Router router = new Router();
    private final FlowServiceCreates creates;
    private final FlowRuns runs;

    FlowServiceApi(FlowRuns runs) {
        this.runs = runs;
        this.creates = new FlowServiceCreates(runs);
        router.on("GET", "/connectionSpecs", (r, p, s) -> FlowServicePaging.specs(s.connectionSpecs, r))
                .on("GET", "/connectionSpecs/{id}", (r, p, s) -> byId(s.connectionSpecs, p.get(0), "connectionSpecs"))
                .on("GET", "/flowSpecs", (r, p, s) -> FlowServicePaging.specs(s.flowSpecs, r))
                .on("GET", "/flowSpecs/{id}", (r, p, s) -> byId(s.flowSpecs, p.get(0), "flowSpecs"));
        collection("connections", s -> s.connections, creates::connection);
        collection("sourceConnections", s -> s.sourceConnections, creates::sourceConnection);
        collection("targetConnections", s -> s.targetConnections, creates::targetConnection);
        collection("flows", s -> s.flows, creates::flow);
        router.on("GET", "/connections/{id}/explore", this::explore)
                .on("GET", "/connections/{id}/test", FlowServiceApi::testConnection)
                .on("POST", "/flows/{id}/action", this::flowAction)
                .on("GET", "/runs", (r, p, s) -> FlowServicePaging.list(s.runs, r, "/runs"))
                .on("GET", "/runs/{id}", (r, p, s) -> byId(s.runs, p.get(0), "runs"))
                .on("POST", "/runs/{id}/action", this::runAction);
    }

    ApiResponse handle(ApiRequest request, String relativePath, SandboxState state) {
        runs.settle(state);   // runs whose time is up have ended, whatever this request reads
        return router.dispatch(SERVICE, relativePath, request, state);
    }

    private void collection(String name, Function<SandboxState, Map<String, ObjectNode>> store, Router.Handler create) {
        router.on("GET", "/" + name, (r, p, s) -> FlowServicePaging.list(store.apply(s), r, "/" + name))
                .on("POST", "/" + name, create)
                .on("GET", "/" + name + "/{id}", (r, p, s) -> byId(store.apply(s), p.get(0), name))
                .on("PATCH", "/" + name + "/{id}", (r, p, s) -> patch(r, store.apply(s).get(p.get(0)), p.get(0), name, s))
                .on("DELETE", "/" + name + "/{id}", (r, p, s) -> delete(store.apply(s), p.get(0), name, s));
    }

    static ApiException notFound(String type, String id) {
        return ErrorBodies.flowService(404, "1439", "No " + type + " with id " + id + " in this sandbox", type);
    }

    /**
     * Flow Service answers a lookup by id with the usual {@code items} envelope. A lookup of a deleted
     * resource is a 404, which no spec declares for these GETs but the "Delete a dataflow" tutorial
     * (sources/api-tutorials/delete-dataflows) gives as the way to confirm a deletion; the bundle relies on it.
     */
    private static ApiResponse byId(Map<String, ObjectNode> store, String id, String type) {
        ObjectNode found = store.get(id);
        if (found == null) throw notFound(type, id);
        ObjectNode body = Json.obj();
        body.putArray("items").add(found);
        return ApiResponse.ok(body);
    }

    private ApiResponse delete(Map<String, ObjectNode> store, String id, String type, SandboxState state) {
        if (!store.containsKey(id)) throw notFound(type, id);
        if (type.equals("connections")) {
            for (ObjectNode flow : state.flows.values()) {
                if (usesBaseConnection(flow, id, state)) {
                    throw ErrorBodies.flowService(400, "1418", "Base connection " + id + " is still used by flow "
                            + flow.get("id").asText() + "; delete the flow first", type);
                }
            }
        }
        if (type.equals("sourceConnections") || type.equals("targetConnections")) {
            String arrayName = type.equals("sourceConnections") ? "sourceConnectionIds" : "targetConnectionIds";
            for (ObjectNode flow : state.flows.values()) {
                for (JsonNode used : flow.path(arrayName)) {
                    if (used.asText().equals(id)) {
                        throw ErrorBodies.flowService(400, "1447", "Flow " + flow.get("id").asText() + " contains "
                                + type + " id " + id + "; delete the flow first", type);
                    }
                }
            }
        }
        store.remove(id);
        if (type.equals("flows")) state.runs.values().removeIf(run -> run.path("flowId").asText().equals(id));
        return ApiResponse.noContent().committed();
    }

    private static boolean usesBaseConnection(ObjectNode flow, String baseConnectionId, SandboxState state) {
        for (String arrayName : List.of("sourceConnectionIds", "targetConnectionIds")) {
            Map<String, ObjectNode> store = arrayName.startsWith("source") ? state.sourceConnections : state.targetConnections;
            for (JsonNode id : flow.path(arrayName)) {
                ObjectNode connection = store.get(id.asText());
                if (connection != null && baseConnectionId.equals(Json.text(connection, "baseConnectionId"))) return true;
            }
        }
        return false;
    }

    /** JSON Patch with optimistic locking: {@code If-Match} is required (1403) and must match (1404-412). */
    private ApiResponse patch(ApiRequest request, ObjectNode resource, String id, String type, SandboxState state) {
        if (resource == null) throw notFound(type, id);
        String ifMatch = request.header("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ErrorBodies.flowService(400, "1403", "The If-Match header is required to update " + type, type);
        }
        if (!unquote(ifMatch).equals(unquote(resource.get("etag").asText()))) {
            throw ErrorBodies.flowService(412, "1404", "The If-Match version " + ifMatch + " does not match the current "
                    + resource.get("etag").asText(), type);
        }
        JsonNode operations = request.json(SERVICE);
        ObjectNode updated = JsonPatch.apply(resource, operations, SERVICE);
        if (type.equals("flows")) creates.checkFlowSettings(updated, state);
        FlowResources.stamp(updated, state, request.clientId, false);
        updated.put("version", updated.get("etag").asText());
        resource.removeAll();
        resource.setAll(updated);
        return ApiResponse.ok(Json.obj().put("id", id).put("etag", resource.get("etag").asText())).committed();
    }

    private static String unquote(String etag) {
        String trimmed = etag.trim();
        if (trimmed.startsWith("W/")) trimmed = trimmed.substring(2);
        return trimmed.replace("\"", "");
    }

    private ApiResponse flowAction(ApiRequest request, List<String> params, SandboxState state) {
        ObjectNode flow = state.flows.get(params.get(0));
        if (flow == null) throw notFound("flows", params.get(0));
        String op = request.queryParam("op");
        if (op == null) throw ErrorBodies.flowService(400, "1400", "The op query parameter is required", "flows");
        switch (op.toUpperCase(java.util.Locale.ROOT)) {
            case "ENABLE" -> flow.put("state", "enabled");
            case "DISABLE" -> flow.put("state", "disabled");
            default -> throw ErrorBodies.flowService(400, "1400", "Unsupported op " + op + "; use ENABLE or DISABLE", "flows");
        }
        FlowResources.stamp(flow, state, request.clientId, false);
        return ApiResponse.ok(Json.obj().put("id", flow.get("id").asText()).put("etag", flow.get("etag").asText()))
                .committed();
    }

    /**
     * {@code postAction} on a run: {@code op=RE_TRIGGER} starts it again and answers the updated run (200,
     * the spec's FlowRunItemDTO). A disabled (or deleted) flow gets no new run, and a run still in
     * progress is not started twice.
     */
    private ApiResponse runAction(ApiRequest request, List<String> params, SandboxState state) {
        ObjectNode run = state.runs.get(params.get(0));
        if (run == null) throw notFound("runs", params.get(0));
        String op = request.queryParam("op");
        if (!"RE_TRIGGER".equals(op)) {
            throw ErrorBodies.flowService(400, "1400", "Unsupported op " + op + " on a run; use RE_TRIGGER", "runs");
        }
        ObjectNode flow = state.flows.get(run.path("flowId").asText());
        if (flow == null) throw notFound("flows", run.path("flowId").asText());
        if (!"enabled".equals(Json.text(flow, "state"))) {
            throw ErrorBodies.flowService(400, "1400", "Flow " + flow.get("id").asText() + " is " + Json.text(flow, "state")
                    + ": enable it (POST /flows/{id}/action?op=ENABLE) before re-triggering its runs", "runs");
        }
        if (runs.inProgress(run, state)) {
            throw ErrorBodies.flowService(400, "1400", "Run " + params.get(0) + " is still in progress", "runs");
        }
        runs.restart(run, flow, state, request.clientId);
        return ApiResponse.ok(run.deepCopy()).committed();
    }

    /**
     * {@code testConnection} ({@code GET /connections/{id}/test}): the spec's {@code TestConnectionResponse},
     * {@code {"result": true}}, for every connection of this sandbox (the emulator's connections are all
     * reachable); an unknown id is the usual 404.
     */
    private static ApiResponse testConnection(ApiRequest request, List<String> params, SandboxState state) {
        if (!state.connections.containsKey(params.get(0))) throw notFound("connections", params.get(0));
        return ApiResponse.ok(Json.obj().put("result", true));
    }

    /**
     * {@code objectType=root} lists tables; {@code objectType=table&object=<path>} describes one. The
     * table answer, {@code {format, schema.columns[], data[]?}}, is the one the explore tutorials
     * (sources/tutorials/api/explore/tabular.md, the CRM and payments explore pages) print and the bundle
     * reads; the spec's {@code ExploreConnectionResponse} declares only the root listing's array.
     */
    private ApiResponse explore(ApiRequest request, List<String> params, SandboxState state) {
        String id = params.get(0);
        if (!state.connections.containsKey(id)) throw notFound("connections", id);
        List<SeedData.Table> tables = state.tables.get(id);
        if (tables == null) {
            throw ErrorBodies.flowService(400, "1400", "Connection " + id + " cannot be explored", "connections");
        }
        String objectType = request.queryParam("objectType");
        if (objectType == null) throw ErrorBodies.flowService(400, "1400", "objectType is required", "connections");
        // the spec's enum is upper case, the docs and exploreSpec use lower case: both are seen in the wild
        switch (objectType.toLowerCase(java.util.Locale.ROOT)) {
            case "root" -> {
                ArrayNode list = Json.arr();
                for (SeedData.Table table : tables) {
                    list.addObject().put("type", "table").put("name", table.name()).put("path", table.path())
                            .put("canPreview", true).put("canFetchSchema", true);
                }
                return ApiResponse.ok(list);
            }
            case "table" -> {
                String object = request.queryParam("object");
                if (object == null || object.isBlank()) {
                    throw ErrorBodies.flowService(400, "1400", "object is required with objectType=table", "connections");
                }
                SeedData.Table table = state.table(id, object);
                if (table == null) {
                    throw ErrorBodies.flowService(404, "1439", "Table " + object + " not found in connection " + id, "connections");
                }
                return ApiResponse.ok(describe(table, "true".equalsIgnoreCase(request.queryParam("preview"))));
            }
            default -> throw ErrorBodies.flowService(400, "1400", "Unsupported objectType " + objectType, "connections");
        }
    }

    private static ObjectNode describe(SeedData.Table table, boolean preview) {
        ObjectNode body = Json.obj().put("format", "flat");
        ArrayNode columns = body.putObject("schema").putArray("columns");
        for (SeedData.Column column : table.columns()) {
            ObjectNode c = columns.addObject().put("name", column.name()).put("type", column.type());
            c.putObject("meta").put("originalType", column.originalType());
            c.putObject("xdm").put("type", column.type());
        }
        if (preview) {
            ArrayNode data = body.putArray("data");
            for (List<String> row : table.rows()) {
                ObjectNode record = data.addObject();
                for (int i = 0; i < table.columns().size(); i++) record.put(table.columns().get(i).name(), row.get(i));
            }
        }
        return body;
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }
}
