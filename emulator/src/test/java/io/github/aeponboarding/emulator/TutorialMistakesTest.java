package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each mistake of the tutorials (aep-api.md B.5) is refused the way AEP refuses it. */
class TutorialMistakesTest extends EmulatorTestBase {

    @Test
    void crm_source_on_the_cloud_storage_flow_spec_is_refused() {
        Tutorials crm = Tutorials.crm(client).upToTargetConnection();
        Tutorials.expect(crm.createMapping(crm.legacyMappingBody(crm.targetSchemaId)), 200);
        ObjectNode flow = crm.flowBody();
        ((ObjectNode) flow.get("flowSpec")).put("id", Tutorials.CLOUD_STORAGE_TO_AEP);
        Reply reply = crm.createFlow(flow);
        assertFlowError(reply, 400, "1413-400");
        assertThat(reply.json().at("/report/detailed-message").asText()).contains(Tutorials.SALESFORCE_SPEC);
    }

    @Test
    void connection_spec_id_with_the_extra_c_is_refused() {
        Tutorials crm = Tutorials.crm(client).upToAdhocSchema();
        ObjectNode body = crm.sourceConnectionBody();
        ((ObjectNode) body.get("connectionSpec")).put("id", "ccfc0fee1-7dc0-40ef-b73e-d8b134c436f5");
        assertFlowError(crm.createSourceConnection(body), 400, "1413-400");
    }

    @Test
    void connection_id_in_place_of_base_connection_id_is_refused() {
        Tutorials crm = Tutorials.crm(client).upToAdhocSchema();
        ObjectNode body = crm.sourceConnectionBody();
        body.set("connectionId", body.remove("baseConnectionId"));
        assertRefused(crm.createSourceConnection(body), 400, "1400-400", "baseConnectionId");
    }

    @Test
    void payments_target_connection_on_the_pay_pal_spec_is_refused() {
        Tutorials payments = Tutorials.payments(client).upToTargetConnection();
        assertRefused(payments.createTargetConnection(payments.targetConnectionBody(Tutorials.PAYPAL_SPEC)), 400, "1413-400", Tutorials.DATA_LAKE_SPEC);
    }

    @Test
    void crm_target_connection_on_the_salesforce_spec_is_refused() {
        Tutorials crm = Tutorials.crm(client).upToTargetConnection();
        assertFlowError(crm.createTargetConnection(crm.targetConnectionBody(Tutorials.SALESFORCE_SPEC)), 400, "1413-400");
    }

    @Test
    void source_and_target_connections_without_connection_spec_are_refused() {
        Tutorials crm = Tutorials.crm(client).upToTargetConnection();
        ObjectNode source = crm.sourceConnectionBody();
        source.remove("connectionSpec");
        Reply sourceReply = crm.createSourceConnection(source);
        assertFlowError(sourceReply, 400, "1400-400");
        assertThat(sourceReply.json().get("errorMessage").asText()).contains("connectionSpec is required");
        ObjectNode target = crm.targetConnectionBody(Tutorials.DATA_LAKE_SPEC);
        target.remove("connectionSpec");
        assertFlowError(crm.createTargetConnection(target), 400, "1400-400");
    }

    @Test
    void flow_spec_lookup_and_flow_creation_without_authorization_are_refused() {
        Tutorials crm = Tutorials.crm(client).upToTargetConnection();
        Tutorials.expect(crm.createMapping(crm.legacyMappingBody(crm.targetSchemaId)), 200);
        AepClient noToken = client.with("Authorization", null);
        Reply lookup = noToken.get(Tutorials.FLOWS + "/flowSpecs?property=name==%22CRMToAEP%22");
        assertThat(lookup.status()).isEqualTo(401);
        assertThat(lookup.json().get("error_code").asText()).isEqualTo("403010");
        Reply create = noToken.post(Tutorials.FLOWS + "/flows", crm.flowBody());
        assertThat(create.status()).isEqualTo(401);
        assertThat(client.get(Tutorials.FLOWS + "/flows").json().get("items")).isEmpty();
    }

    @Test
    void source_table_that_the_base_connection_does_not_expose_is_refused() {
        Tutorials crm = Tutorials.crm(client).upToAdhocSchema();
        ObjectNode body = crm.sourceConnectionBody();
        ((ObjectNode) body.get("params")).put("tableName", "{TABLE_PATH}");
        assertRefused(crm.createSourceConnection(body), 400, "1400-400", "{TABLE_PATH}");
    }

    @Test
    void invalid_json_of_the_tutorial_examples_is_refused() {
        Reply reply = client.raw("POST", Tutorials.FLOWS + "/sourceConnections",
                "{\"name\": \"x\", \"data\": {\"format\": \"tabular\", }}", "application/json");
        assertFlowError(reply, 400, "1400-400");
        assertThat(reply.json().get("errorMessage").asText()).contains("not valid JSON");
    }

    @Test
    void duplicate_field_group_in_the_target_schema_is_refused() {
        Tutorials payments = Tutorials.payments(client);
        Reply reply = payments.createTargetSchema(payments.targetSchemaBody(List.of(Tutorials.PROFILE, Tutorials.PERSON_DETAILS,
                Tutorials.PERSONAL_DETAILS, Tutorials.PERSONAL_DETAILS)));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("title").asText()).isEqualTo("BadRequestError");
        assertThat(reply.json().get("detail").asText()).contains("Duplicate reference", Tutorials.PERSONAL_DETAILS);
    }

    @Test
    void mapping_of_a_source_column_the_adhoc_schema_does_not_declare_is_refused_at_flow_creation() {
        Tutorials payments = Tutorials.payments(client);
        // the payments tutorial's columns: Create_Time, but no Type, which its mapping then maps
        Tutorials.expect(payments.createAdhocClass(List.of("Product_Id", "Product_Name", "Description", "Create_Time")), 201);
        Tutorials.expect(payments.createAdhocSchema(), 201);
        Tutorials.expect(payments.createSourceConnection(payments.sourceConnectionBody()), 201);
        Tutorials.expect(payments.createTargetSchema(payments.targetSchemaBody(
                List.of(Tutorials.PROFILE, Tutorials.PERSON_DETAILS, Tutorials.PERSONAL_DETAILS))), 201);
        Tutorials.expect(payments.createDataSet(payments.targetSchemaId), 201);
        Tutorials.expect(payments.createDatasetBaseConnection(), 201);
        Tutorials.expect(payments.createTargetConnection(payments.targetConnectionBody(Tutorials.DATA_LAKE_SPEC)), 201);
        Tutorials.expect(payments.createMapping(payments.legacyMappingBody(payments.targetSchemaId)), 200);
        assertRefused(payments.createFlow(payments.flowBody()), 400, "1419-400", "Type");
    }

    @Test
    void start_time_and_interval_as_strings_are_refused() {
        Tutorials crm = readyForFlow();
        ObjectNode flow = crm.flowBody();
        ((ObjectNode) flow.get("scheduleParams")).put("startTime", "1567411548");
        assertFlowError(crm.createFlow(flow), 400, "1400-400");
        ObjectNode intervalAsString = crm.flowBody();
        ((ObjectNode) intervalAsString.get("scheduleParams")).put("interval", "30");
        assertRefused(crm.createFlow(intervalAsString), 400, "1400-400", "interval");
    }

    @Test
    void mapping_version_as_integer_is_refused() {
        Tutorials crm = readyForFlow();
        ObjectNode flow = crm.flowBody();
        ((ObjectNode) flow.get("transformations").get(1).get("params")).put("mappingVersion", 0);
        assertRefused(crm.createFlow(flow), 400, "1400-400", "mappingVersion");
    }

    @Test
    void interval_below_fifteen_minutes_is_refused_but_hourly_interval_one_is_accepted() {
        Tutorials crm = readyForFlow();
        ObjectNode everyTenMinutes = crm.flowBody();
        ((ObjectNode) everyTenMinutes.get("scheduleParams")).put("interval", 10);
        assertFlowError(crm.createFlow(everyTenMinutes), 400, "1400-400");
        ObjectNode hourly = crm.flowBody();
        ((ObjectNode) hourly.get("scheduleParams")).put("frequency", "hour").put("interval", 1);
        assertThat(crm.createFlow(hourly).status()).isEqualTo(201);
    }

    @Test
    void exploration_of_the_copy_pasted_table_is_refused() {
        Reply reply = client.get(Tutorials.FLOWS + "/connections/" + Tutorials.PAYPAL_CONNECTION
                + "/explore?objectType=table&object=test1.Mytable");
        assertFlowError(reply, 404, "1439-404");
        Reply upperCase = client.get(Tutorials.FLOWS + "/connections/" + Tutorials.PAYPAL_CONNECTION
                + "/explore?objectType=TABLE&object=PayPal.Catalog_Products");
        assertThat(upperCase.status()).isEqualTo(200);
    }

    @Test
    void mapping_whose_schema_differs_from_the_target_datasets_is_refused() {
        Tutorials crm = Tutorials.crm(client).upToTargetConnection();
        Tutorials.expect(crm.createMapping(crm.legacyMappingBody(crm.adhocSchemaId)), 200);
        Reply reply = crm.createFlow(crm.flowBody());
        assertFlowError(reply, 400, "1425-400");
    }

    @Test
    void state_on_flow_creation_is_refused() {
        Tutorials crm = readyForFlow();
        ObjectNode flow = crm.flowBody().put("state", "enabled");
        assertFlowError(crm.createFlow(flow), 400, "1410-400");
    }

    private Tutorials readyForFlow() {
        Tutorials crm = Tutorials.crm(client).upToTargetConnection();
        Tutorials.expect(crm.createMapping(crm.legacyMappingBody(crm.targetSchemaId)), 200);
        return crm;
    }

    /** A Flow Service refusal whose message names what was wrong. */
    static void assertRefused(Reply reply, int status, String code, String mentioned) {
        assertFlowError(reply, status, code);
        assertThat(reply.json().get("errorMessage").asText()).contains(mentioned);
    }

    static void assertFlowError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().get("type").asText()).isEqualTo("https://ns.adobe.com/aep/errors/FLOW-" + code);
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.json().get("title").asText()).isNotBlank();
        assertThat(reply.json().at("/report/detailed-message").asText()).isNotBlank();
        assertThat(reply.json().get("errorMessage").asText()).isNotBlank();
    }
}
