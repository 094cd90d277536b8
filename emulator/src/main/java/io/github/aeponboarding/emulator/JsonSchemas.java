package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Validates params against the JSON schemas in connection specs and flowSpecs (draft-07, as they declare). */
final class JsonSchemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    /** The problems, empty when the instance is valid. */
    static List<String> problems(JsonNode schema, JsonNode instance) {
        JsonSchema compiled = CACHE.computeIfAbsent(schema.toString(), text -> FACTORY.getSchema(schema));
        return compiled.validate(instance).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
