package io.github.aeponboarding.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.aeponboarding.request.SourceCatalogue;
import io.github.aeponboarding.runtime.OnboardingConfiguration;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.BundleTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each example (one per source of the catalogue) onboarded with each recipe, then read back through
 * the emulator's API: the flow's flowSpec and transformations, its connections and their params, the
 * mapping set's and the dataset's schema, and what the recipe leaves out.
 */
@CamelMainTest(configurationClasses = OnboardingConfiguration.class,
        propertyPlaceholderLocations = {BundleTest.LOCAL_PROFILE_1, BundleTest.LOCAL_PROFILE_2},
        properties = {"onboarding.data-dir=target/it/every-source/data",
            "onboarding.file-trigger-enabled=false", "onboarding.jms-trigger-enabled=false"})
class EverySourceOnboardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLOWS = "/data/foundation/flowservice/";

    @BeanInject
    CamelContext context;

    static Stream<Arguments> examplesAndRecipes() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                cases.add(Arguments.of(file.getFileName().toString(), "current"));
                cases.add(Arguments.of(file.getFileName().toString(), "tutorial"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with recipe {1}")
    @MethodSource("examplesAndRecipes")
    void each_source_onboards_with_each_recipe_into_one_linked_dataflow(String example, String recipe) throws Exception {
        ObjectNode request = request(example, recipe);
        SourceCatalogue.Source source = SourceCatalogue.standard().bySpec(request.at("/source/connectionSpecId").asText()).orElseThrow();

        JsonNode result = onboard(request);
        assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("CREATED");
        assertThat(result.path("kind").asText()).isEqualTo(source.kind());
        assertThat(result.has("warnings")).as("a warning for a deprecated source only").isEqualTo(source.deprecated() != null);

        AepClient aep = BundleTest.aep(context);
        JsonNode ids = result.path("ids");
        JsonNode flow = aep.get(FLOWS + "flows/" + ids.path("flow").asText()).path("items").path(0);
        assertThat(flow.at("/flowSpec/id").asText()).isEqualTo(source.flowSpec().id()).isEqualTo(ids.path("flowSpec").asText());
        assertThat(flow.at("/sourceConnectionIds/0").asText()).isEqualTo(ids.path("sourceConnection").asText());
        assertThat(flow.at("/targetConnectionIds/0").asText()).isEqualTo(ids.path("targetConnection").asText());
        List<String> transformations = new ArrayList<>();
        flow.path("transformations").forEach(t -> transformations.add(t.path("name").asText()));
        assertThat(transformations).isEqualTo(source.flowSpec().takes("Copy") ? List.of("Copy", "Mapping") : List.of("Mapping"));

        JsonNode sourceConnection = aep.get(FLOWS + "sourceConnections/" + ids.path("sourceConnection").asText()).path("items").path(0);
        assertThat(sourceConnection.at("/connectionSpec/id").asText()).isEqualTo(source.connectionSpecId());
        assertThat(sourceConnection.path("params").fieldNames()).toIterable().containsAll(paramsOf(source));
        JsonNode target = aep.get(FLOWS + "targetConnections/" + ids.path("targetConnection").asText()).path("items").path(0);
        if (recipe.equals("current")) {
            assertThat(sourceConnection.at("/data/format").asText()).isEqualTo(source.shape().dataFormat());
            assertThat(sourceConnection.at("/data/schema").isMissingNode()).as("no ad hoc schema").isTrue();
            assertThat(target.has("baseConnectionId")).as("no dataset base connection").isFalse();
            assertThat(ids.has("adhocClass") || ids.has("adhocSchema") || ids.has("datasetBaseConnection")).isFalse();
        } else {
            assertThat(sourceConnection.at("/data/schema/id").asText()).isEqualTo(ids.path("adhocSchema").asText()).isNotBlank();
            assertThat(target.path("baseConnectionId").asText()).isEqualTo(ids.path("datasetBaseConnection").asText()).isNotBlank();
        }

        String targetSchema = ids.path("targetSchema").asText();
        JsonNode mapping = aep.get("/data/foundation/conversion/mappingSets/" + ids.path("mappingSet").asText());
        assertThat(mapping.at("/outputSchema/schemaRef/id").asText()).isEqualTo(targetSchema);
        String dataset = ids.path("dataset").asText();
        assertThat(aep.get("/data/foundation/catalog/dataSets/" + dataset).path(dataset).at("/schemaRef/id").asText()).isEqualTo(targetSchema);
        assertThat(target.at("/params/dataSetId").asText()).isEqualTo(dataset);

        assertThat(onboard(request).path("status").asText()).as("submitted again").isEqualTo("UNCHANGED");
    }

    private static List<String> paramsOf(SourceCatalogue.Source source) {
        return switch (source.shape()) {
            case TABLE -> List.of("tableName", "columns");
            case TABLE_PATH -> List.of("path");
            case JSON_RESOURCE -> List.of("resourcePath");
            case JSON_OBJECT -> List.of("object_type", "path");
        };
    }

    /** The example under an id of its own and the recipe; a JSON source's tutorial recipe needs its columns. */
    static ObjectNode request(String example, String recipe) throws IOException {
        ObjectNode request = (ObjectNode) new YAMLMapper().readTree(Path.of("examples", example).toFile());
        request.put("id", request.path("id").asText() + "-" + recipe);
        request.put("recipe", recipe);
        ObjectNode source = (ObjectNode) request.get("source");
        if (recipe.equals("tutorial") && !source.has("table") && !source.has("columns")) {
            ArrayNode columns = source.putArray("columns");
            request.path("mapping").forEach(m -> columns.addObject().put("name", m.path("source").asText()).put("type", "string"));
        }
        return request;
    }

    private JsonNode onboard(ObjectNode request) throws Exception {
        Exchange done = context.createProducerTemplate().send("direct:aep-onboard-file",
                ex -> ex.getMessage().setBody(JSON.writeValueAsBytes(request)));
        return JSON.readTree(done.getMessage().getBody(String.class));
    }
}
