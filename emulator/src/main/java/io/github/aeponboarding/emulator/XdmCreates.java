package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Tenant class and schema creation: the spec's required {@code type}, {@code title}, {@code description}
 * and {@code allOf}; titles unique across all tenant resources; every {@code $ref} resolvable, once;
 * a class names exactly one behaviour, a schema exactly one class plus field groups meant for it.
 * Ad hoc classes get their {@code _adhoc} object renamed to {@code _<guid>} (the dataset namespace).
 */
final class XdmCreates {
    private static final Service SERVICE = Service.SCHEMA_REGISTRY;
    private static final Set<String> FIELD_TYPES = Set.of("string", "number", "integer", "boolean", "object", "array");

    ApiResponse createClass(ApiRequest request, SandboxState state) {
        ObjectNode body = checkedBody(request, state);
        List<ObjectNode> refs = references(body, state);
        List<ObjectNode> behaviors = refs.stream().filter(r -> "behaviors".equals(SchemaRegistryApi.kindOf(r))).toList();
        if (behaviors.size() != 1 || refs.size() != 1) {
            throw bad("A class must reference exactly one behaviour (e.g. " + SeedData.ADHOC_BEHAVIOR
                    + " or https://ns.adobe.com/xdm/data/record) and nothing else");
        }
        String behavior = behaviors.get(0).get("$id").asText();
        ObjectNode created = newResource(body, "classes", state, request);
        created.putArray("meta:extends").add(behavior);
        boolean adhoc = behavior.equals(SeedData.ADHOC_BEHAVIOR);
        if (adhoc) {
            String namespace = "_" + created.get("meta:altId").asText().substring(created.get("meta:altId").asText().lastIndexOf('.') + 1);
            renameAdhocNamespace((ArrayNode) created.get("allOf"), namespace);
            created.put("meta:datasetNamespace", namespace);
            created.put("meta:abstract", true);
        } else {
            created.put("meta:abstract", false);
        }
        created.put("meta:extensible", !adhoc);
        return store(created, state);
    }

    ApiResponse createSchema(ApiRequest request, SandboxState state) {
        ObjectNode body = checkedBody(request, state);
        List<ObjectNode> refs = references(body, state);
        List<ObjectNode> classes = refs.stream().filter(r -> "classes".equals(SchemaRegistryApi.kindOf(r))).toList();
        if (classes.size() != 1) throw bad("A schema must reference exactly one class in allOf; found " + classes.size());
        ObjectNode xdmClass = classes.get(0);
        String classId = xdmClass.get("$id").asText();
        for (ObjectNode ref : refs) {
            if (ref == xdmClass) continue;
            String kind = SchemaRegistryApi.kindOf(ref);
            if (!"fieldgroups".equals(kind)) throw bad("A schema's allOf may reference one class and field groups, not " + kind);
            if (!ref.path("meta:intendedToExtend").toString().contains("\"" + classId + "\"")) {
                throw bad("Field group " + ref.get("$id").asText() + " is not compatible with class " + classId);
            }
        }
        for (JsonNode part : body.get("allOf")) {
            if (part.has("properties")) throw bad("A schema's fields come from its class and field groups; inline properties are not allowed");
        }
        ObjectNode created = newResource(body, "schemas", state, request);
        Set<String> extendsList = new LinkedHashSet<>();
        refs.stream().filter(r -> r != xdmClass).forEach(r -> extendsList.add(r.get("$id").asText()));
        xdmClass.path("meta:extends").forEach(e -> extendsList.add(e.asText()));
        extendsList.add(classId);
        ArrayNode extendsNode = created.putArray("meta:extends");
        extendsList.forEach(extendsNode::add);
        ArrayNode refsNode = created.putArray("refs");
        refs.forEach(r -> refsNode.add(r.get("$id").asText()));
        created.put("meta:class", classId);
        created.put("meta:abstract", false);
        created.put("meta:extensible", false);
        if (xdmClass.has("meta:datasetNamespace")) created.put("meta:datasetNamespace", xdmClass.get("meta:datasetNamespace").asText());
        return store(created, state);
    }

    private static ObjectNode checkedBody(ApiRequest request, SandboxState state) {
        JsonNode parsed = request.json(SERVICE);
        if (!parsed.isObject()) throw bad("The request body must be a JSON object");
        ObjectNode body = (ObjectNode) parsed;
        for (String field : List.of("type", "title", "description", "allOf")) {
            if (!body.has(field) || body.get(field).isNull()) throw bad(field + " is required");
        }
        if (!"object".equals(body.get("type").asText())) throw bad("type must be \"object\"");
        if (!body.get("title").isTextual() || body.get("title").asText().isBlank()) throw bad("title must be a non-empty string");
        if (!body.get("description").isTextual()) throw bad("description must be a string");
        if (!body.get("allOf").isArray() || body.get("allOf").isEmpty()) throw bad("allOf must be a non-empty array");
        String title = body.get("title").asText();
        for (ObjectNode existing : state.xdm.values()) {
            if (SchemaRegistryApi.isTenant(existing) && title.equals(Json.text(existing, "title"))) {
                throw bad("Title must be unique. An object " + existing.get("$id").asText() + " already exists with the same title.");
            }
        }
        return body;
    }

    /** Resolves every {@code $ref} of {@code allOf}, refusing unknown and repeated ones; checks inline fields. */
    private static List<ObjectNode> references(ObjectNode body, SandboxState state) {
        List<ObjectNode> refs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode part : body.get("allOf")) {
            if (!part.isObject()) throw bad("allOf entries must be objects");
            if (part.has("$ref")) {
                String ref = part.get("$ref").asText();
                if (!seen.add(ref)) throw bad("Duplicate reference in allOf: " + ref);
                ObjectNode resolved = Xdm.find(state, ref);
                if (resolved == null) throw bad("Reference " + ref + " cannot be resolved in this sandbox");
                refs.add(resolved);
            } else if (part.has("properties")) {
                checkFields(part.get("properties"), "properties");
            } else {
                throw bad("allOf entries need $ref or properties");
            }
        }
        return refs;
    }

    private static void checkFields(JsonNode properties, String path) {
        if (!properties.isObject() || properties.isEmpty()) throw bad(path + " must be a non-empty object of field definitions");
        for (Map.Entry<String, JsonNode> field : iterable(properties)) {
            String at = path + "." + field.getKey();
            JsonNode definition = field.getValue();
            if (definition.has("$ref")) continue;
            String type = Json.text(definition, "type");
            if (type == null || !FIELD_TYPES.contains(type)) throw bad(at + ".type must be one of " + FIELD_TYPES);
            if (type.equals("object") && definition.has("properties")) checkFields(definition.get("properties"), at + ".properties");
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        return entries;
    }

    private static void renameAdhocNamespace(ArrayNode allOf, String namespace) {
        boolean found = false;
        for (JsonNode part : allOf) {
            JsonNode properties = part.get("properties");
            if (properties instanceof ObjectNode object && object.has("_adhoc")) {
                object.set(namespace, object.remove("_adhoc"));
                found = true;
            }
        }
        if (!found) throw bad("An ad hoc class must describe its fields under properties._adhoc");
    }

    private static ObjectNode newResource(ObjectNode body, String kind, SandboxState state, ApiRequest request) {
        String hex = UUID.randomUUID().toString().replace("-", "");
        ObjectNode created = body.deepCopy();
        for (String derived : List.of("meta:containerId", "meta:resourceType", "meta:xdmType", "meta:class", "$id", "meta:altId")) {
            created.remove(derived);
        }
        created.put("$id", "https://ns.adobe.com/" + SeedData.TENANT_ID + "/" + kind + "/" + hex);
        created.put("meta:altId", "_" + SeedData.TENANT_ID + "." + kind + "." + hex);
        created.put("meta:resourceType", kind);
        created.put("version", "1.0");
        created.put("meta:xdmType", "object");
        created.put("meta:containerId", "tenant");
        created.put("meta:tenantNamespace", "_" + SeedData.TENANT_ID);
        created.put("imsOrg", state.orgId);
        long now = System.currentTimeMillis();
        created.putObject("meta:registryMetadata").put("repo:createdDate", now).put("repo:lastModifiedDate", now)
                .put("xdm:createdClientId", request.clientId).put("xdm:lastModifiedClientId", request.clientId)
                .put("eTag", UUID.randomUUID().toString().replace("-", ""));
        return created;
    }

    private static ApiResponse store(ObjectNode created, SandboxState state) {
        state.xdm.put(created.get("$id").asText(), created);
        return ApiResponse.json(201, created).committed();
    }

    private static ApiException bad(String detail) {
        return SERVICE.error(400, "1000", detail);
    }
}
