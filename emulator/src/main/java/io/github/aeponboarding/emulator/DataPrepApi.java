package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Data Prep ({@code /data/foundation/conversion}) mapping sets. Creation answers 200 (not 201) with the
 * spec's short {@code SimpleRepresentation}; the current form ({@code outputSchema.schemaRef}, mappings
 * of {@code sourceType/source/destination}) and the tutorials' legacy form ({@code xdmSchema},
 * {@code xdmVersion}, {@code sourceAttribute/destinationXdmPath}) are both accepted and stored alike.
 * There is no DELETE: the spec has none (405).
 */
final class DataPrepApi {
    private static final Service SERVICE = Service.DATA_PREP;
    private static final Set<String> SOURCE_TYPES = Set.of("ATTRIBUTE", "EXPRESSION", "STATIC");
    private final Router router = new Router();

    DataPrepApi() {
        router.on("GET", "/mappingSets", (r, p, s) -> list(r, s))
                .on("POST", "/mappingSets", (r, p, s) -> create(r, s))
                .on("GET", "/mappingSets/{id}", (r, p, s) -> ApiResponse.ok(find(p.get(0), s)))
                .on("PUT", "/mappingSets/{id}", (r, p, s) -> replace(r, p.get(0), s))
                .on("GET", "/mappingSets/{id}/mappings", (r, p, s) -> ApiResponse.ok(find(p.get(0), s).get("mappings")));
    }

    ApiResponse handle(ApiRequest request, String relativePath, SandboxState state) {
        return router.dispatch(SERVICE, relativePath, request, state);
    }

    private ApiResponse create(ApiRequest request, SandboxState state) {
        ObjectNode mappingSet = normalized(request, state);
        String id = UUID.randomUUID().toString().replace("-", "");
        long now = System.currentTimeMillis();
        mappingSet.put("id", id).put("version", 0).put("createdDate", now).put("modifiedDate", now)
                .put("createdBy", request.clientId + "@AdobeID").put("modifiedBy", request.clientId + "@AdobeID")
                .put("status", "PUBLISHED");
        state.mappingSets.put(id, mappingSet);
        return ApiResponse.ok(simple(mappingSet)).committed();
    }

    /** PUT replaces the mappings and bumps the version, which a flow's {@code mappingVersion} must then follow. */
    private ApiResponse replace(ApiRequest request, String id, SandboxState state) {
        ObjectNode existing = find(id, state);
        ObjectNode mappingSet = normalized(request, state);
        mappingSet.put("id", id).put("version", existing.get("version").asInt() + 1)
                .put("createdDate", existing.get("createdDate").asLong()).put("modifiedDate", System.currentTimeMillis())
                .put("createdBy", existing.get("createdBy").asText()).put("modifiedBy", request.clientId + "@AdobeID")
                .put("status", "PUBLISHED");
        state.mappingSets.put(id, mappingSet);
        return ApiResponse.ok(simple(mappingSet)).committed();
    }

    private static ObjectNode simple(ObjectNode mappingSet) {
        ObjectNode body = Json.obj();
        for (String field : List.of("id", "version", "createdDate", "modifiedDate", "createdBy", "modifiedBy")) {
            body.set(field, mappingSet.get(field));
        }
        return body;
    }

    private static ObjectNode find(String id, SandboxState state) {
        ObjectNode found = state.mappingSets.get(id);
        if (found == null) throw SERVICE.notFound("Mapping set " + id + " not found");
        return found;
    }

    private static ObjectNode normalized(ApiRequest request, SandboxState state) {
        JsonNode body = request.json(SERVICE);
        if (!body.isObject()) throw bad("The request body must be a JSON object");
        boolean legacy = body.has("xdmSchema");
        String schemaId;
        String contentType;
        if (legacy) {
            schemaId = body.get("xdmSchema").asText();
            String xdmVersion = body.hasNonNull("xdmVersion") ? body.get("xdmVersion").asText() : "1.0";
            contentType = "application/vnd.adobe.xed-full+json;version=" + xdmVersion;
        } else {
            JsonNode schemaRef = body.path("outputSchema").path("schemaRef");
            if (!schemaRef.isObject()) throw bad("outputSchema.schemaRef {id, contentType} is required");
            schemaId = Json.text(schemaRef, "id");
            contentType = Json.text(schemaRef, "contentType");
            if (!Xdm.isXedContentType(contentType)) {
                throw bad("outputSchema.schemaRef.contentType must be an XED content type with a version: " + contentType);
            }
        }
        if (schemaId == null || Xdm.schema(state, schemaId) == null) throw bad("Output schema " + schemaId + " does not exist in this sandbox");
        JsonNode name = body.get("name");
        if (name != null && !name.isNull() && !name.isTextual()) throw bad("name must be a string");
        ObjectNode mappingSet = Json.obj();
        if (name != null && name.isTextual()) mappingSet.put("name", name.asText());
        mappingSet.putObject("outputSchema").putObject("schemaRef").put("id", schemaId).put("contentType", contentType);
        if (legacy) mappingSet.put("xdmSchema", schemaId).put("xdmVersion", Xdm.normalizedVersion(contentType) + ".0");
        mappingSet.set("mappings", mappings(body.get("mappings")));
        return mappingSet;
    }

    private static ArrayNode mappings(JsonNode mappings) {
        if (mappings == null || !mappings.isArray() || mappings.isEmpty()) throw bad("mappings must be a non-empty array");
        ArrayNode normalized = Json.arr();
        Set<String> destinations = new HashSet<>();
        for (JsonNode mapping : mappings) {
            boolean legacy = mapping.has("sourceAttribute") || mapping.has("destinationXdmPath");
            String source = Json.text(mapping, legacy ? "sourceAttribute" : "source");
            String destination = Json.text(mapping, legacy ? "destinationXdmPath" : "destination");
            String sourceType = legacy ? "ATTRIBUTE" : Json.text(mapping, "sourceType");
            if (source == null || source.isBlank() || destination == null || destination.isBlank()) {
                throw bad("each mapping needs a source and a destination" + (legacy ? " (sourceAttribute, destinationXdmPath)" : ""));
            }
            if (sourceType == null || !SOURCE_TYPES.contains(sourceType)) throw bad("sourceType must be one of " + SOURCE_TYPES);
            if (!destinations.add(destination)) throw bad("Destination " + destination + " is mapped more than once");
            ObjectNode one = normalized.addObject().put("id", UUID.randomUUID().toString().replace("-", ""))
                    .put("sourceType", sourceType).put("source", source).put("destination", destination).put("version", 0);
            if (legacy) one.put("sourceAttribute", source).put("destinationXdmPath", destination);
            if (mapping.has("identity")) one.set("identity", mapping.get("identity"));
        }
        return normalized;
    }

    private static ApiResponse list(ApiRequest request, SandboxState state) {
        // the spec marks both required, with defaults 10 and 0; the service applies the default of a missing
        // start (aepp's dataprep.py getMappingSets sends limit alone), a missing limit stays a 400
        int limit = request.intParam("limit", null, 1, 100, SERVICE);
        int start = request.intParam("start", 0, 0, Integer.MAX_VALUE, SERVICE);
        String name = request.queryParam("name");
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode mappingSet : state.mappingSets.values()) {
            if (name == null || name.equals(Json.text(mappingSet, "name"))) matching.add(mappingSet);
        }
        String orderBy = request.queryParam("orderBy");
        if (orderBy != null) {
            String field = orderBy.replaceFirst("^[+\\- ]", "");
            if (!field.equals("createdDate") && !field.equals("updatedDate")) throw bad("orderBy supports createdDate and updatedDate");
            String stored = field.equals("updatedDate") ? "modifiedDate" : field;
            Comparator<ObjectNode> order = Comparator.comparingLong(m -> m.get(stored).asLong());
            matching.sort(orderBy.startsWith("-") ? order.reversed() : order);
        }
        ObjectNode body = Json.obj();
        ArrayNode data = body.putArray("data");
        matching.stream().skip(start).limit(limit).forEach(data::add);
        body.putObject("_page").put("count", data.size()).put("limit", limit);
        ObjectNode links = body.putObject("_links");
        if (start + data.size() < matching.size()) {
            links.putObject("next").put("href", SERVICE.prefix + "/mappingSets?limit=" + limit + "&start=" + (start + limit)
                    + (name == null ? "" : "&name=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)));
        }
        return ApiResponse.ok(body);
    }

    private static ApiException bad(String detail) {
        return SERVICE.error(400, "1400", detail);
    }
}
