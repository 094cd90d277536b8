package io.github.aeponboarding.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.junit.jupiter.api.Test;

/**
 * Every route file against Camel's own YAML DSL schema, the one inside the camel-yaml-dsl jar (what an
 * IDE or Kaoto checks a file with): a misspelt option or a step in the wrong place is reported with
 * its file and path, before any Camel context loads the file.
 */
class RouteSchemaTest {
    /** The schema's resource in camel-yaml-dsl (draft-04). */
    private static final String SCHEMA = "/schema/camelYamlDsl.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^{}]+\\}\\}");

    @Test
    void every_route_file_fits_camels_yaml_dsl_schema() throws Exception {
        JsonSchema schema;
        try (InputStream in = YamlRoutesBuilderLoader.class.getResourceAsStream(SCHEMA)) {
            assertThat(in).as(SCHEMA + " in camel-yaml-dsl").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        List<String> violations = new ArrayList<>();
        RouteFiles.all().forEach((file, tree) -> schema.validate(tree).stream()
                .filter(v -> !placeholderForATypedOption(v))
                .forEach(v -> violations.add(file + " " + v.getMessage())));
        assertThat(violations).as("violations of " + SCHEMA).isEmpty();
    }

    /**
     * A property placeholder where the schema wants a boolean or a number ({@code autoStartup:
     * "{{onboarding.run-monitor-enabled}}"}): Camel resolves it before it converts the option, the schema
     * cannot know that.
     */
    private static boolean placeholderForATypedOption(ValidationMessage v) {
        JsonNode value = v.getInstanceNode();
        return "type".equals(v.getType()) && value != null && value.isTextual() && PLACEHOLDER.matcher(value.asText()).matches();
    }

    /** Kamelet style: every route template parameter says what it is (its description starts with its type). */
    @Test
    void every_template_parameter_is_described() {
        List<String> undescribed = new ArrayList<>();
        RouteFiles.all().forEach((file, tree) -> {
            for (JsonNode entry : tree) {
                JsonNode template = entry.path("routeTemplate");
                for (JsonNode parameter : template.path("parameters")) {
                    if (parameter.path("description").asText("").isBlank()) {
                        undescribed.add(file + " " + template.path("id").asText() + "." + parameter.path("name").asText());
                    }
                }
            }
        });
        assertThat(undescribed).isEmpty();
    }
}
