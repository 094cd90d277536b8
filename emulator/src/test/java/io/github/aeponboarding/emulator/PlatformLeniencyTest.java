package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What other clients (aepp, Adobe's Python client) send and the Platform answers: one test per
 * deviation of issue 14, written as the request a client sends and the answer it must get.
 */
class PlatformLeniencyTest extends EmulatorTestBase {

    @Test
    void schema_registry_serves_xdm_accept_values_like_their_xed_twins_and_still_refuses_unknown_ones() {
        Tutorials crm = Tutorials.crm(client).upToAdhocSchema();
        String schema = Tutorials.REGISTRY + "/tenant/schemas/" + AepClient.enc(crm.adhocSchemaId);
        Reply xdm = client.get(schema, "application/vnd.adobe.xdm+json; version=1");
        assertThat(xdm.status()).as(xdm.toString()).isEqualTo(200);
        assertThat(xdm.json().get("allOf")).isNotNull();
        Reply xdmFull = client.get(schema, "application/vnd.adobe.xdm-full+json; version=1");
        assertThat(xdmFull.status()).isEqualTo(200);
        assertThat(xdmFull.json().has("allOf")).as("full: references merged into properties").isFalse();
        assertThat(client.get(Tutorials.REGISTRY + "/tenant/schemas", "application/vnd.adobe.xdm-id+json").status()).isEqualTo(200);
        assertThat(client.get(Tutorials.REGISTRY + "/tenant/schemas", "application/vnd.adobe.xdm+json").json().at("/results/0/allOf"))
                .isNotNull();
        ErrorFormatsTest.assertXdm(client.get(schema, "application/vnd.adobe.xyz+json; version=1"), 406, "NotAcceptableError");
        ErrorFormatsTest.assertXdm(client.get(Tutorials.REGISTRY + "/tenant/schemas", "application/json"), 406, "NotAcceptableError");
    }

    @Test
    void schema_registry_list_takes_limit_and_start_without_orderby_in_its_default_order() {
        for (int i = 0; i < 3; i++) Tutorials.expect(Tutorials.crm(client).createAdhocClass(List.of("a", "b")), 201);
        Reply first = client.get(Tutorials.REGISTRY + "/tenant/classes?limit=2", AepClient.XED_ID);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().at("/_page/orderby").asText()).isEqualTo("title");
        assertThat(first.json().get("results")).hasSize(2);
        String start = first.json().at("/_page/next").asText();
        Reply second = client.get(Tutorials.REGISTRY + "/tenant/classes?limit=2&start=" + AepClient.enc(start), AepClient.XED_ID);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("results")).hasSize(1);
        assertThat(second.json().at("/_page/next").isNull()).isTrue();
    }

    @Test
    void mapping_set_list_without_start_begins_at_the_first_and_still_needs_limit() {
        Tutorials crm = Tutorials.crm(client).all();
        Reply list = client.get(Tutorials.CONVERSION + "/mappingSets?limit=10");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().at("/data/0/id").asText()).isEqualTo(crm.mappingId);
        ErrorFormatsTest.assertPlatform(client.get(Tutorials.CONVERSION + "/mappingSets?start=0"), 400);
    }

    @Test
    void catalog_reads_request_data_source_in_any_case() {
        Tutorials crm = Tutorials.crm(client);
        Tutorials.expect(crm.createTargetSchema(crm.targetSchemaBody(List.of(Tutorials.PROFILE))), 201);
        ObjectNode dataSet = AepClient.MAPPER.createObjectNode().put("name", "aepp dataset");
        dataSet.putObject("schemaRef").put("id", crm.targetSchemaId).put("contentType", "application/vnd.adobe.xed-full+json;version=1");
        Reply withoutSource = client.post(Tutorials.CATALOG + "/dataSets?requestDataSource=False", dataSet);
        assertThat(withoutSource.status()).as(withoutSource.toString()).isEqualTo(201);
        Reply withSource = client.post(Tutorials.CATALOG + "/dataSets?requestDataSource=TRUE", dataSet);
        String id = withSource.json().get(0).asText().substring("@/dataSets/".length());
        assertThat(client.get(Tutorials.CATALOG + "/dataSets/" + id).json().at("/" + id + "/dataSourceId").isInt()).isTrue();
        ErrorFormatsTest.assertPlatform(client.post(Tutorials.CATALOG + "/dataSets?requestDataSource=yes", dataSet), 400);
    }

    @Test
    void a_new_dataset_carries_the_system_tags_and_classification_the_platform_adds() {
        Tutorials crm = Tutorials.crm(client).upToTargetConnection();
        JsonNode dataSet = client.get(Tutorials.CATALOG + "/dataSets/" + crm.dataSetId).json().get(crm.dataSetId);
        assertThat(dataSet.at("/tags/adobe~1pqs~1table/0").asText()).matches("target_dataset_for_crm_data_[0-9a-f]{8}_\\d{8}_\\d{6}_\\d{3}");
        assertThat(dataSet.at("/tags/adobe~1siphon~1table~1format/0").asText()).isEqualTo("delta");
        assertThat(dataSet.at("/classification/dataBehavior").asText()).isEqualTo("record");
        assertThat(dataSet.at("/classification/managedBy").asText()).isEqualTo("CUSTOMER");
    }

    @Test
    void connection_test_answers_result_true_for_a_known_connection_and404_otherwise() {
        Reply test = client.get(Tutorials.FLOWS + "/connections/" + Tutorials.SALESFORCE_CONNECTION + "/test");
        assertThat(test.status()).as(test.toString()).isEqualTo(200);
        assertThat(test.json().get("result").asBoolean()).isTrue();
        TutorialMistakesTest.assertFlowError(client.get(Tutorials.FLOWS + "/connections/unknown/test"), 404, "1439-404");
    }

    @Test
    void flow_service_next_href_carries_the_continuation_token_alone_so_a_client_reading_it_by_position_gets_it() {
        for (int i = 0; i < 3; i++) {
            ObjectNode body = AepClient.MAPPER.createObjectNode().put("name", "token-" + i);
            body.putObject("connectionSpec").put("id", Tutorials.DATA_LAKE_SPEC).put("version", "1.0");
            Tutorials.expect(client.post(Tutorials.FLOWS + "/connections", body), 201);
        }
        String filter = "property=connectionSpec.id==" + Tutorials.DATA_LAKE_SPEC;
        String href = client.get(Tutorials.FLOWS + "/connections?limit=2&" + filter).json().at("/_links/next/href").asText();
        assertThat(href).startsWith("/connections?continuationToken=");
        // aepp: token = href.split("=")[1], then the first query again with that token
        String token = href.split("=")[1];
        Reply aepp = client.get(Tutorials.FLOWS + "/connections?limit=2&count=false&" + filter + "&continuationToken=" + token);
        assertThat(aepp.json().get("items")).hasSize(1);
        Reply followed = client.get(Tutorials.FLOWS + href);
        assertThat(followed.json().get("items")).as("the href alone keeps the filter and limit").hasSize(1);
        assertThat(followed.json().at("/_links/next").isMissingNode()).isTrue();
    }

    @Test
    void run_and_last_run_times_are_epoch_milliseconds() {
        Tutorials crm = Tutorials.crm(client).all();
        JsonNode flow = client.get(Tutorials.FLOWS + "/flows/" + crm.flowId).json().at("/items/0/lastRunDetails");
        assertThat(flow.get("startedAtUTC").isIntegralNumber()).as(flow.toString()).isTrue();
        assertThat(flow.get("completedAtUTC").asLong()).isGreaterThan(flow.get("startedAtUTC").asLong());
        JsonNode run = client.get(Tutorials.FLOWS + "/runs?property=flowId==" + crm.flowId).json().at("/items/0/metrics/durationSummary");
        assertThat(run.get("startedAtUTC").isIntegralNumber()).isTrue();
        assertThat(run.get("startedAtUTC").asLong()).isEqualTo(flow.get("startedAtUTC").asLong());
        Reply since = client.get(Tutorials.FLOWS + "/flows?property=" + AepClient.enc("lastRunDetails.startedAtUTC>=" + (run.get("startedAtUTC").asLong() - 1)));
        assertThat(since.json().get("items")).as("the spec's own filter example compares epoch ms").hasSize(1);
    }

    @Test
    void a_deleted_flow_is_not_found() {
        Tutorials crm = Tutorials.crm(client).all();
        assertThat(client.delete(Tutorials.FLOWS + "/flows/" + crm.flowId).status()).isEqualTo(204);
        TutorialMistakesTest.assertFlowError(client.get(Tutorials.FLOWS + "/flows/" + crm.flowId), 404, "1439-404");
    }
}
