package io.github.aeponboarding.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks, through AEP's API, that a CREATED result describes one connected dataflow: the flow's
 * source and target connections, mapping set and flowSpec; the dataset's schema; the mapping's
 * schema; the source connection's ad hoc schema.
 */
public final class OnboardedFlow {
    private OnboardedFlow() {
    }

    public static void assertLinked(AepClient aep, JsonNode result) throws Exception {
        JsonNode ids = result.path("ids");
        assertThat(result.path("status").asText()).isIn("CREATED", "UNCHANGED");
        assertThat(result.path("flowId").asText()).isEqualTo(ids.path("flow").asText()).isNotBlank();

        JsonNode flow = aep.get("/data/foundation/flowservice/flows/" + ids.path("flow").asText()).path("items").path(0);
        assertThat(flow.path("flowSpec").path("id").asText()).isEqualTo(ids.path("flowSpec").asText())
                .isEqualTo("14518937-270c-4525-bdec-c2ba7cce3860");
        assertThat(flow.path("sourceConnectionIds").get(0).asText()).isEqualTo(ids.path("sourceConnection").asText());
        assertThat(flow.path("targetConnectionIds").get(0).asText()).isEqualTo(ids.path("targetConnection").asText());
        String mappingId = null;
        for (JsonNode t : flow.path("transformations")) {
            if ("Mapping".equals(t.path("name").asText())) {
                mappingId = t.path("params").path("mappingId").asText();
            }
        }
        assertThat(mappingId).isEqualTo(ids.path("mappingSet").asText());

        JsonNode target = aep.get("/data/foundation/flowservice/targetConnections/" + ids.path("targetConnection").asText()).path("items").path(0);
        assertThat(target.path("params").path("dataSetId").asText()).isEqualTo(ids.path("dataset").asText());
        assertThat(target.path("baseConnectionId").asText()).isEqualTo(ids.path("datasetBaseConnection").asText());

        String targetSchema = ids.path("targetSchema").asText();
        JsonNode dataset = aep.get("/data/foundation/catalog/dataSets/" + ids.path("dataset").asText()).path(ids.path("dataset").asText());
        assertThat(dataset.path("schemaRef").path("id").asText()).isEqualTo(targetSchema);

        JsonNode mapping = aep.get("/data/foundation/conversion/mappingSets/" + mappingId);
        assertThat(mapping.path("outputSchema").path("schemaRef").path("id").asText()).isEqualTo(targetSchema);

        JsonNode source = aep.get("/data/foundation/flowservice/sourceConnections/" + ids.path("sourceConnection").asText()).path("items").path(0);
        String adhocSchema = ids.path("adhocSchema").asText();
        assertThat(source.path("data").path("schema").path("id").asText()).isEqualTo(adhocSchema);

        JsonNode schema = aep.schemaRegistry("schemas", adhocSchema);
        assertThat(schema.path("meta:class").asText()).isEqualTo(ids.path("adhocClass").asText());
    }
}
