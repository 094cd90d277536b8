package io.github.aeponboarding.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped schema is a valid draft 2020-12 schema and documents every field, since it doubles as documentation. */
class RequestSchemaTest {
    private static final Set<String> RULE_FRAGMENTS = Set.of("allOf", "oneOf", "anyOf", "if", "then", "else", "not");

    private static JsonNode schema() throws IOException {
        return new ObjectMapper().readTree(Path.of("src/main/resources", RequestReader.SCHEMA_RESOURCE).toFile());
    }

    @Test
    void is_a_valid_draft202012_schema() throws IOException {
        var metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(metaSchema.validate(schema())).isEmpty();
    }

    @Test
    void every_property_has_a_description_and_every_object_is_closed() throws IOException {
        List<String> gaps = new ArrayList<>();
        collectGaps(schema(), "#", gaps);

        assertThat(gaps).isEmpty();
    }

    private static void collectGaps(JsonNode node, String at, List<String> gaps) {
        if ("object".equals(node.path("type").asText()) && !node.path("additionalProperties").isBoolean()) {
            gaps.add(at + " is an open object");
        }
        for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
            // a $ref's description lives on the definition it names
            if (!property.getValue().has("description") && !property.getValue().has("$ref")) {
                gaps.add(at + "/properties/" + property.getKey() + " has no description");
            }
        }
        node.fields().forEachRemaining(child -> {
            // conditional rule fragments repeat documented fields; they are not documentation themselves
            if (child.getValue().isContainerNode() && !RULE_FRAGMENTS.contains(child.getKey())) {
                collectGaps(child.getValue(), at + "/" + child.getKey(), gaps);
            }
        });
    }
}
