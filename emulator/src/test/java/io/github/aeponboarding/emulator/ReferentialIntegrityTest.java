package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** References must exist and fit; deletes respect what still uses a resource; updates need the current etag. */
class ReferentialIntegrityTest extends EmulatorTestBase {

    @Test
    void base_connection_still_used_by_a_flow_cannot_be_deleted() {
        Tutorials crm = Tutorials.crm(client).all();
        TutorialMistakesTest.assertFlowError(client.delete(Tutorials.FLOWS + "/connections/" + crm.datasetBaseConnectionId), 400, "1418-400");
        TutorialMistakesTest.assertFlowError(client.delete(Tutorials.FLOWS + "/sourceConnections/" + crm.sourceConnectionId), 400, "1447-400");
        assertThat(client.delete(Tutorials.FLOWS + "/flows/" + crm.flowId).status()).isEqualTo(204);
        assertThat(client.get(Tutorials.FLOWS + "/runs?property=flowId==" + crm.flowId).json().get("items")).isEmpty();
        assertThat(client.delete(Tutorials.FLOWS + "/sourceConnections/" + crm.sourceConnectionId).status()).isEqualTo(204);
        assertThat(client.delete(Tutorials.FLOWS + "/targetConnections/" + crm.targetConnectionId).status()).isEqualTo(204);
        assertThat(client.delete(Tutorials.FLOWS + "/connections/" + crm.datasetBaseConnectionId + "/").status())
                .as("the spec's own path has a trailing slash").isEqualTo(204);
        Reply dataSet = client.delete(Tutorials.CATALOG + "/dataSets/" + crm.dataSetId);
        assertThat(dataSet.status()).isEqualTo(200);
        assertThat(dataSet.json().get(0).asText()).isEqualTo("@/dataSets/" + crm.dataSetId);
        assertThat(client.delete(Tutorials.REGISTRY + "/tenant/schemas/" + AepClient.enc(crm.targetSchemaId)).status()).isEqualTo(204);
        Reply classInUse = client.delete(Tutorials.REGISTRY + "/tenant/classes/" + AepClient.enc(crm.adhocClassId));
        ErrorFormatsTest.assertXdm(classInUse, 400, "BadRequestError");
        String schemaAltId = client.get(Tutorials.REGISTRY + "/tenant/schemas/" + AepClient.enc(crm.adhocSchemaId), AepClient.XED_FULL)
                .json().get("meta:altId").asText();
        assertThat(client.delete(Tutorials.REGISTRY + "/tenant/schemas/" + schemaAltId).status()).isEqualTo(204);
        assertThat(client.delete(Tutorials.REGISTRY + "/tenant/classes/" + AepClient.enc(crm.adhocClassId)).status()).isEqualTo(204);
        assertThat(client.get(Tutorials.FLOWS + "/flows/" + crm.flowId).status()).isEqualTo(404);
    }

    @Test
    void source_connection_must_use_its_base_connections_spec_and_an_existing_schema() {
        Tutorials crm = Tutorials.crm(client).upToAdhocSchema();
        ObjectNode otherBase = crm.sourceConnectionBody().put("baseConnectionId", Tutorials.PAYPAL_CONNECTION);
        assertThat(crm.createSourceConnection(otherBase).json().get("errorMessage").asText()).contains("uses connection spec");
        ObjectNode missingBase = crm.sourceConnectionBody().put("baseConnectionId", "11111111-2222-3333-4444-555555555555");
        TutorialMistakesTest.assertFlowError(crm.createSourceConnection(missingBase), 400, "1400-400");
        ObjectNode unknownSchema = crm.sourceConnectionBody();
        ((ObjectNode) unknownSchema.at("/data/schema")).put("id", "https://ns.adobe.com/emulator/schemas/0000");
        TutorialMistakesTest.assertFlowError(crm.createSourceConnection(unknownSchema), 400, "1400-400");
        ObjectNode unknownColumn = crm.sourceConnectionBody();
        ((ArrayNode) unknownColumn.at("/params/columns")).addObject().put("name", "shoe_size").put("type", "string");
        TutorialMistakesTest.assertFlowError(crm.createSourceConnection(unknownColumn), 400, "1400-400");
        ObjectNode tabular = crm.sourceConnectionBody();
        ((ObjectNode) tabular.get("data")).put("format", "tabular");
        assertThat(crm.createSourceConnection(tabular).status()).isEqualTo(201);
    }

    @Test
    void target_connection_must_point_at_an_existing_dataset_with_the_same_schema() {
        Tutorials crm = Tutorials.crm(client).upToTargetConnection();
        ObjectNode missingDataSet = crm.targetConnectionBody(Tutorials.DATA_LAKE_SPEC);
        ((ObjectNode) missingDataSet.get("params")).put("dataSetId", "5c8c3c555033b814b69f947f");
        TutorialMistakesTest.assertFlowError(crm.createTargetConnection(missingDataSet), 400, "1400-400");
        ObjectNode otherSchema = crm.targetConnectionBody(Tutorials.DATA_LAKE_SPEC);
        ((ObjectNode) otherSchema.at("/data/schema")).put("id", crm.adhocSchemaId);
        TutorialMistakesTest.assertFlowError(crm.createTargetConnection(otherSchema), 400, "1400-400");
        ObjectNode noDataSet = crm.targetConnectionBody(Tutorials.DATA_LAKE_SPEC);
        noDataSet.remove("params");
        assertThat(crm.createTargetConnection(noDataSet).json().get("errorMessage").asText()).contains("dataSetId");
    }

    @Test
    void schemas_need_known_classes_and_compatible_field_groups() {
        Tutorials crm = Tutorials.crm(client);
        Reply unknown = crm.createTargetSchema(crm.targetSchemaBody(List.of(Tutorials.PROFILE, "https://ns.adobe.com/xdm/context/nope")));
        ErrorFormatsTest.assertXdm(unknown, 400, "BadRequestError");
        Reply noClass = crm.createTargetSchema(crm.targetSchemaBody(List.of(Tutorials.PERSON_DETAILS)));
        ErrorFormatsTest.assertXdm(noClass, 400, "BadRequestError");
        Reply wrongClass = crm.createTargetSchema(crm.targetSchemaBody(List.of("https://ns.adobe.com/xdm/context/experienceevent",
                Tutorials.PERSON_DETAILS)));
        assertThat(wrongClass.json().get("detail").asText()).contains("not compatible");
        ObjectNode noDescription = crm.targetSchemaBody(List.of(Tutorials.PROFILE));
        noDescription.remove("description");
        ErrorFormatsTest.assertXdm(crm.createTargetSchema(noDescription), 400, "BadRequestError");
        ObjectNode badField = crm.adhocClassBody(List.of("first_name"));
        ((ObjectNode) badField.at("/allOf/1/properties/_adhoc/properties/first_name")).put("type", "varchar");
        ErrorFormatsTest.assertXdm(client.post(Tutorials.REGISTRY + "/tenant/classes", badField), 400, "BadRequestError");
        Reply dataSet = crm.createDataSet("https://ns.adobe.com/emulator/schemas/0000");
        ErrorFormatsTest.assertPlatform(dataSet, 400);
    }

    @Test
    void flow_updates_need_the_current_etag() {
        Tutorials crm = Tutorials.crm(client).all();
        String etag = client.get(Tutorials.FLOWS + "/flows/" + crm.flowId).json().at("/items/0/etag").asText();
        String patch = "[{\"op\":\"replace\",\"path\":\"/scheduleParams/interval\",\"value\":60}]";
        TutorialMistakesTest.assertFlowError(client.patch(Tutorials.FLOWS + "/flows/" + crm.flowId, patch, null), 400, "1403-400");
        TutorialMistakesTest.assertFlowError(client.patch(Tutorials.FLOWS + "/flows/" + crm.flowId, patch, "\"stale\""), 412, "1404-412");
        Reply updated = client.patch(Tutorials.FLOWS + "/flows/" + crm.flowId, patch, etag);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("etag").asText()).isNotEqualTo(etag);
        assertThat(client.get(Tutorials.FLOWS + "/flows/" + crm.flowId).json().at("/items/0/scheduleParams/interval").asInt()).isEqualTo(60);
        String stringInterval = "[{\"op\":\"replace\",\"path\":\"/scheduleParams/interval\",\"value\":\"60\"}]";
        TutorialMistakesTest.assertFlowError(client.patch(Tutorials.FLOWS + "/flows/" + crm.flowId, stringInterval,
                updated.json().get("etag").asText()), 400, "1400-400");
        Reply disabled = client.post(Tutorials.FLOWS + "/flows/" + crm.flowId + "/action?op=DISABLE", "");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(client.get(Tutorials.FLOWS + "/flows/" + crm.flowId).json().at("/items/0/state").asText()).isEqualTo("disabled");
    }

    @Test
    void mapping_set_updates_bump_the_version_flows_must_name() {
        Tutorials crm = Tutorials.crm(client).upToTargetConnection();
        Tutorials.expect(crm.createMapping(crm.legacyMappingBody(crm.targetSchemaId)), 200);
        Reply put = client.put(Tutorials.CONVERSION + "/mappingSets/" + crm.mappingId, crm.legacyMappingBody(crm.targetSchemaId));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("version").asInt()).isEqualTo(1);
        TutorialMistakesTest.assertFlowError(crm.createFlow(crm.flowBody()), 400, "1412-400");
        ObjectNode flow = crm.flowBody();
        ((ObjectNode) flow.at("/transformations/1/params")).put("mappingVersion", "1");
        assertThat(crm.createFlow(flow).status()).isEqualTo(201);
    }

    @Test
    void sandboxes_isolate_resources() {
        Tutorials crm = Tutorials.crm(client).all();
        AepClient other = new AepClient(emulator, sandbox + "-other");
        TutorialMistakesTest.assertFlowError(other.get(Tutorials.FLOWS + "/flows/" + crm.flowId), 404, "1439-404");
        assertThat(other.get(Tutorials.CATALOG + "/dataSets").json().size()).isZero();
        assertThat(other.get(Tutorials.FLOWS + "/connections/" + Tutorials.SALESFORCE_CONNECTION).status())
                .as("seeded resources exist in every sandbox").isEqualTo(200);
        TutorialMistakesTest.assertFlowError(client.with("x-sandbox-name", "Prod").get(Tutorials.FLOWS + "/flows"), 400, "2105-400");
    }
}
