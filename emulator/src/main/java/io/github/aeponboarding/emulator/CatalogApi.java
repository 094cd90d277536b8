package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Catalog ({@code /data/foundation/catalog}) datasets. Lists are objects keyed by id, paged by
 * {@code limit} (default 20, 1..100) and {@code start} (offset), projected by {@code properties},
 * sorted by {@code orderBy=asc:x,desc:y}, filtered by {@code property=} and simple filters such as
 * {@code name=a,b} / {@code name=!x} with the {@code *} wildcard ({@code **} is a literal star).
 */
final class CatalogApi {
    private static final Service SERVICE = Service.CATALOG;
    private static final Set<String> RESERVED = Set.of("limit", "start", "orderBy", "properties", "property", "requestDataSource");
    private final SecureRandom random = new SecureRandom();
    private final Router router = new Router();

    CatalogApi() {
        router.on("GET", "/dataSets", (r, p, s) -> list(r, s))
                .on("POST", "/dataSets", (r, p, s) -> create(r, s))
                .on("GET", "/dataSets/{id}", (r, p, s) -> get(r, p.get(0), s))
                .on("DELETE", "/dataSets/{id}", (r, p, s) -> delete(p.get(0), s));
    }

    ApiResponse handle(ApiRequest request, String relativePath, SandboxState state) {
        return router.dispatch(SERVICE, relativePath, request, state);
    }

    private ApiResponse create(ApiRequest request, SandboxState state) {
        JsonNode parsed = request.json(SERVICE);
        if (!parsed.isObject()) throw bad("The request body must be a JSON object");
        ObjectNode body = (ObjectNode) parsed;
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) throw bad("name is required and must be a non-empty string");
        JsonNode schemaRef = body.get("schemaRef");
        if (schemaRef == null || !schemaRef.isObject()) throw bad("schemaRef {id, contentType} is required");
        String schemaId = Json.text(schemaRef, "id");
        if (schemaId == null || Xdm.schema(state, schemaId) == null) {
            throw bad("schemaRef.id " + schemaId + " is not a schema in this sandbox");
        }
        if (!Xdm.isXedContentType(Json.text(schemaRef, "contentType"))) {
            throw bad("schemaRef.contentType must be an XED content type with a version, e.g. "
                    + "application/vnd.adobe.xed-full+json;version=1");
        }
        // Catalog reads booleans case-insensitively: aepp sends Python's str(False), "False"; other values are a 400
        String requestDataSource = request.queryParam("requestDataSource");
        if (requestDataSource != null && !requestDataSource.equalsIgnoreCase("true") && !requestDataSource.equalsIgnoreCase("false")) {
            throw bad("requestDataSource must be true or false");
        }
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        ObjectNode dataSet = body.deepCopy();
        long now = System.currentTimeMillis();
        dataSet.put("imsOrg", state.orgId).put("sandboxId", state.sandboxId).put("version", "1.0.0")
                .put("created", now).put("updated", now).put("createdClient", request.clientId)
                .put("createdUser", request.clientId + "@AdobeID").put("updatedUser", request.clientId + "@AdobeID")
                .put("files", "@/dataSetFiles?dataSetId=" + id).put("status", "enabled");
        DataSetSystemFields.add(dataSet, Xdm.schema(state, schemaId));
        dataSet.putObject("fileDescription").put("persisted", true).put("containerFormat", "parquet").put("format", "parquet");
        if ("true".equalsIgnoreCase(requestDataSource)) dataSet.put("dataSourceId", Math.abs(random.nextInt(1_000_000)));
        state.dataSets.put(id, dataSet);
        return ApiResponse.json(201, Json.arr().add("@/dataSets/" + id))
                .header("Location", SERVICE.prefix + "/dataSets/" + id).committed();
    }

    private ApiResponse get(ApiRequest request, String id, SandboxState state) {
        ObjectNode dataSet = state.dataSets.get(id);
        if (dataSet == null) throw SERVICE.notFound("Dataset " + id + " not found");
        ObjectNode body = Json.obj();
        body.set(id, project(dataSet, request.queryParam("properties")));
        return ApiResponse.ok(body);
    }

    private ApiResponse delete(String id, SandboxState state) {
        if (state.dataSets.remove(id) == null) throw SERVICE.notFound("Dataset " + id + " not found");
        return ApiResponse.ok(Json.arr().add("@/dataSets/" + id)).committed();
    }

    private ApiResponse list(ApiRequest request, SandboxState state) {
        int limit = request.intParam("limit", 20, 1, 100, SERVICE);
        int start = request.intParam("start", 0, 0, Integer.MAX_VALUE, SERVICE);
        PropertyFilter filter = PropertyFilter.parse(request.queryParams("property"), PropertyFilter.Dialect.CATALOG, SERVICE);
        List<Map.Entry<String, ObjectNode>> matching = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> entry : state.dataSets.entrySet()) {
            if (filter.matches(entry.getValue()) && simpleFiltersMatch(request, entry.getValue())) matching.add(entry);
        }
        sort(matching, request.queryParam("orderBy"));
        ObjectNode body = Json.obj();
        matching.stream().skip(start).limit(limit)
                .forEach(e -> body.set(e.getKey(), project(e.getValue(), request.queryParam("properties"))));
        return ApiResponse.ok(body);
    }

    private static boolean simpleFiltersMatch(ApiRequest request, ObjectNode dataSet) {
        for (Map.Entry<String, List<String>> parameter : request.query().entrySet()) {
            if (RESERVED.contains(parameter.getKey())) continue;
            JsonNode actual = dataSet.get(parameter.getKey());
            for (String values : parameter.getValue()) {
                if (!simpleFilterMatches(actual, values)) return false;
            }
        }
        return true;
    }

    private static boolean simpleFilterMatches(JsonNode actual, String values) {
        if (values.startsWith("!")) return actual == null || !wildcard(values.substring(1)).matcher(actual.asText()).matches();
        if (actual == null || actual.isContainerNode()) return false;
        for (String value : values.split(",")) {
            if (wildcard(value).matcher(actual.asText()).matches()) return true;
        }
        return false;
    }

    /** {@code *} matches anything, {@code **} is a literal star. */
    private static Pattern wildcard(String value) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '*' && i + 1 < value.length() && value.charAt(i + 1) == '*') {
                regex.append("\\*");
                i++;
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static void sort(List<Map.Entry<String, ObjectNode>> entries, String orderBy) {
        if (orderBy == null || orderBy.isBlank()) return;
        Comparator<Map.Entry<String, ObjectNode>> comparator = null;
        for (String clause : orderBy.split(",")) {
            String[] parts = clause.split(":", 2);
            String direction = parts.length == 2 ? parts[0] : "asc";
            String field = parts.length == 2 ? parts[1] : parts[0];
            if (!direction.equals("asc") && !direction.equals("desc")) throw bad("orderBy must look like asc:name,desc:created");
            Comparator<Map.Entry<String, ObjectNode>> one = Comparator.comparing(e -> e.getValue().path(field).asText());
            if (field.equals("created") || field.equals("updated")) {
                one = Comparator.comparingLong(e -> e.getValue().path(field).asLong());
            }
            if (direction.equals("desc")) one = one.reversed();
            comparator = comparator == null ? one : comparator.thenComparing(one);
        }
        entries.sort(comparator);
    }

    private static JsonNode project(ObjectNode dataSet, String properties) {
        if (properties == null || properties.isBlank()) return dataSet;
        ObjectNode projected = Json.obj();
        for (String property : properties.split(",")) {
            JsonNode value = dataSet.get(property.trim());
            if (value != null) projected.set(property.trim(), value);
        }
        return projected;
    }

    private static ApiException bad(String detail) {
        return SERVICE.error(400, "1400", detail);
    }
}
