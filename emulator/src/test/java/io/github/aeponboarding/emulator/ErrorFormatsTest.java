package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** One test per error format: gateway, generic Platform, Flow Service, Schema Registry, Catalog, Data Prep, IMS. */
class ErrorFormatsTest extends EmulatorTestBase {

    @Test
    void gateway_refuses_missing_or_bad_credentials_with_error_code_and_message() {
        String path = Tutorials.FLOWS + "/flowSpecs";
        assertGateway(client.with("Authorization", null).get(path), 401, "403010");
        assertGateway(client.with("Authorization", "Bearer not-a-token").get(path), 401, "401013");
        assertGateway(client.with("x-api-key", null).get(path), 403, "403000");
        assertGateway(client.with("x-api-key", "someone-else").get(path), 403, "403003");
        assertGateway(client.with("x-gw-ims-org-id", null).get(path), 400, "400003");
        assertGateway(client.with("x-gw-ims-org-id", "OTHER@AdobeOrg").get(path), 403, "403025");
        assertThat(client.get(path).status()).isEqualTo(200);
    }

    @Test
    void body_without_content_type_gets_the_generic_platform_error() {
        Reply reply = client.raw("POST", Tutorials.FLOWS + "/connections",
                "{\"connectionSpec\":{\"id\":\"" + Tutorials.DATA_LAKE_SPEC + "\",\"version\":\"1.0\"}}", null);
        assertThat(reply.status()).isEqualTo(400);
        JsonNode body = reply.json();
        assertThat(body.get("title").asText()).isEqualTo("BadRequestError");
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("detail").asText()).isEqualTo("A valid content-type must be specified");
        assertThat(body.has("type")).isTrue();
        assertThat(client.get(Tutorials.FLOWS + "/connections?property=connectionSpec.id==" + Tutorials.DATA_LAKE_SPEC)
                .json().get("items")).as("nothing created").isEmpty();
    }

    @Test
    void flow_service_errors_carry_type_title_status_report_and_error_message() {
        Reply missing = client.get(Tutorials.FLOWS + "/flows/00000000-0000-0000-0000-000000000000");
        TutorialMistakesTest.assertFlowError(missing, 404, "1439-404");
        assertThat(missing.json().at("/report/type").asText()).isEqualTo("flows");
        Reply noSandbox = client.with("x-sandbox-name", null).get(Tutorials.FLOWS + "/flows");
        TutorialMistakesTest.assertFlowError(noSandbox, 400, "2105-400");
    }

    @Test
    void schema_registry_errors_are_error_basic() {
        Reply notAcceptable = client.get(Tutorials.REGISTRY + "/tenant/schemas");
        assertXdm(notAcceptable, 406, "NotAcceptableError");
        assertXdm(client.get(Tutorials.REGISTRY + "/tenant/schemas", "application/json"), 406, "NotAcceptableError");
        assertXdm(client.get(Tutorials.REGISTRY + "/global/classes/_xdm.context.profile", AepClient.XED_ID), 406, "NotAcceptableError");
        assertXdm(client.get(Tutorials.REGISTRY + "/global/classes/_xdm.context.profile", "application/vnd.adobe.xed-full+json"),
                400, "BadRequestError");
        Reply notFound = client.get(Tutorials.REGISTRY + "/tenant/schemas/_emulator.schemas.0000", AepClient.XED_FULL);
        assertXdm(notFound, 404, "NotFoundError");
        assertThat(notFound.json().get("type").asText()).isEqualTo("http://ns.adobe.com/aep/errors/XDM-1012-404");
        assertXdm(client.with("x-sandbox-name", null).get(Tutorials.REGISTRY + "/stats"), 400, "BadRequestError");
        Reply profile = client.get(Tutorials.REGISTRY + "/global/classes/" + AepClient.enc(Tutorials.PROFILE), AepClient.XED_FULL);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().at("/properties/personID/type").asText()).isEqualTo("string");
    }

    @Test
    void title_must_be_unique_across_tenant_resources() {
        Tutorials crm = Tutorials.crm(client);
        Tutorials.expect(crm.createAdhocClass(crm.sourceColumns()), 201);
        Reply again = crm.createAdhocClass(crm.sourceColumns());
        assertXdm(again, 400, "BadRequestError");
        assertThat(again.json().get("detail").asText()).startsWith("Title must be unique.");
        com.fasterxml.jackson.databind.node.ObjectNode schema = crm.targetSchemaBody(java.util.List.of(Tutorials.PROFILE));
        schema.put("title", "adhoc class " + crm.suffix);
        assertXdm(crm.createTargetSchema(schema), 400, "BadRequestError");
    }

    @Test
    void catalog_and_data_prep_errors_use_the_generic_platform_shape() {
        Reply dataSet = client.get(Tutorials.CATALOG + "/dataSets/5c8c3c555033b814b69f947f");
        assertPlatform(dataSet, 404);
        assertThat(dataSet.json().get("type").asText()).contains("CAT-");
        Reply badLimit = client.get(Tutorials.CATALOG + "/dataSets?limit=0");
        assertPlatform(badLimit, 400);
        Reply mapping = client.post(Tutorials.CONVERSION + "/mappingSets", AepClient.json("{\"mappings\":[]}"));
        assertPlatform(mapping, 400);
        assertThat(mapping.json().get("type").asText()).contains("MAPPER-");
        Reply noDelete = client.delete(Tutorials.CONVERSION + "/mappingSets/0123456789abcdef0123456789abcdef");
        assertPlatform(noDelete, 405);
    }

    @Test
    void ims_errors_carry_error_and_error_description() {
        Reply unknownClient = client.form("/ims/token/v3", "grant_type=client_credentials&client_id=nobody&client_secret=x&scope=openid");
        assertIms(unknownClient, 400, "invalid_client");
        Reply wrongSecret = client.form("/ims/token/v3",
                "grant_type=client_credentials&client_id=aep-emulator-client&client_secret=wrong&scope=openid");
        assertIms(wrongSecret, 401, "invalid_client");
        Reply noScope = client.form("/ims/token/v3",
                "grant_type=client_credentials&client_id=aep-emulator-client&client_secret=aep-emulator-secret");
        assertIms(noScope, 400, "invalid_scope");
        Reply password = client.form("/ims/token/v3", "grant_type=password&client_id=aep-emulator-client");
        assertIms(password, 400, "unsupported_grant_type");
    }

    static void assertGateway(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().get("error_code").asText()).isEqualTo(code);
        assertThat(reply.json().get("message").asText()).isNotBlank();
    }

    static void assertXdm(Reply reply, int status, String title) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        JsonNode body = reply.json();
        assertThat(body.get("type").asText()).startsWith("http://ns.adobe.com/aep/errors/XDM-").endsWith("-" + status);
        assertThat(body.get("title").asText()).isEqualTo(title);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.at("/report/registryRequestId").asText()).isNotBlank();
        assertThat(body.at("/report/sub-errors").isArray()).isTrue();
        assertThat(body.get("detail").asText()).isNotBlank();
    }

    static void assertPlatform(Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.json().get("title").asText()).isNotBlank();
        assertThat(reply.json().get("detail").asText()).isNotBlank();
        assertThat(reply.json().get("type").asText()).isNotBlank();
    }

    static void assertIms(Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().get("error").asText()).isEqualTo(error);
        assertThat(reply.json().get("error_description").asText()).isNotBlank();
    }
}
