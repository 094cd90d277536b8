package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A flow's {@code transformations}: each must be one the flowSpec defines and validate against its JSON
 * schema; the Mapping one must name an existing mapping set whose version matches (1412), whose schema
 * is the target dataset's, id and version (1425), and whose source attributes the source declares (1419).
 */
final class FlowTransformations {
    private FlowTransformations() {
    }

    static void check(ObjectNode flow, ObjectNode flowSpec, List<ObjectNode> sources, List<ObjectNode> targets,
                      SandboxState state) {
        JsonNode transformations = flow.get("transformations");
        if (transformations == null || transformations.isNull()) return;
        if (!transformations.isArray()) throw FlowPayload.bad("transformations must be an array", "flows");
        for (JsonNode transformation : transformations) {
            if (!transformation.isObject()) throw FlowPayload.bad("each transformation must be an object", "flows");
            String name = FlowPayload.requireString(transformation, "name", "flows");
            JsonNode params = FlowPayload.requireObject(transformation, "params", "flows");
            JsonNode spec = specOf(flowSpec, name);
            List<String> problems = JsonSchemas.problems(spec, params);
            if (!problems.isEmpty()) {
                throw FlowPayload.bad("transformations " + name + ".params: " + String.join("; ", problems), "flows");
            }
            if (name.equals("Mapping")) checkMapping(params, sources, targets, state);
        }
    }

    private static JsonNode specOf(ObjectNode flowSpec, String name) {
        for (JsonNode spec : flowSpec.path("transformationSpecs")) {
            if (name.equals(spec.path("name").asText())) return spec.get("spec");
        }
        throw FlowPayload.bad("Transformation " + name + " is not defined by flowSpec " + flowSpec.get("name").asText(), "flows");
    }

    private static void checkMapping(JsonNode params, List<ObjectNode> sources, List<ObjectNode> targets, SandboxState state) {
        String mappingId = params.get("mappingId").asText();
        ObjectNode mappingSet = state.mappingSets.get(mappingId);
        if (mappingSet == null) throw FlowPayload.bad("Mapping set " + mappingId + " does not exist in this sandbox", "flows");
        String mappingVersion = Json.text(params, "mappingVersion");
        if (mappingVersion != null && !mappingVersion.equals(mappingSet.get("version").asText())) {
            throw ErrorBodies.flowService(400, "1412", "Invalid mapping version " + mappingVersion + " for mapping set "
                    + mappingId + " (current version " + mappingSet.get("version").asText() + ")", "flows");
        }
        JsonNode schemaRef = mappingSet.path("outputSchema").path("schemaRef");
        String mappingSchema = schemaRef.path("id").asText();
        String mappingSchemaVersion = Xdm.normalizedVersion(Json.text(schemaRef, "contentType"));
        for (ObjectNode target : targets) {
            ObjectNode dataSet = state.dataSets.get(target.path("params").path("dataSetId").asText());
            if (dataSet == null) continue;
            String dataSetSchema = dataSet.path("schemaRef").path("id").asText();
            String dataSetVersion = Xdm.normalizedVersion(Json.text(dataSet.path("schemaRef"), "contentType"));
            if (!dataSetSchema.equals(mappingSchema) || !dataSetVersion.equals(mappingSchemaVersion)) {
                throw ErrorBodies.flowService(400, "1425", "The schema of the target dataset (" + dataSetSchema + " version "
                        + dataSetVersion + ") differs from the schema of mapping set " + mappingId + " (" + mappingSchema
                        + " version " + mappingSchemaVersion + ")", "flows");
            }
        }
        Set<String> declared = new LinkedHashSet<>();
        for (ObjectNode source : sources) {
            declared.addAll(Xdm.adhocFields(state, source.path("data").path("schema").path("id").asText()));
            source.path("params").path("columns").forEach(c -> declared.add(c.path("name").asText()));
        }
        if (declared.isEmpty()) return;
        for (JsonNode mapping : mappingSet.path("mappings")) {
            if (!"ATTRIBUTE".equals(mapping.path("sourceType").asText())) continue;
            String source = mapping.path("source").asText();
            String field = source.contains(".") ? source.substring(source.lastIndexOf('.') + 1) : source;
            if (!declared.contains(field)) {
                throw ErrorBodies.flowService(400, "1419", "Mapping validation failed: source attribute " + source
                        + " is not declared by the source connection (declared: " + declared + ")", "flows");
            }
        }
    }
}
