package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One test per pagination style: Flow Service, Schema Registry, Catalog and Data Prep each page their own way. */
class PaginationTest extends EmulatorTestBase {

    @Test
    void flow_service_pages_with_continuation_token_and_links_next() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode body = AepClient.MAPPER.createObjectNode().put("name", "page-" + i);
            body.putObject("connectionSpec").put("id", Tutorials.DATA_LAKE_SPEC).put("version", "1.0");
            created.add(Tutorials.expect(client.post(Tutorials.FLOWS + "/connections", body), 201).json().get("id").asText());
        }
        String next = "/connections?limit=2&property=connectionSpec.id==" + Tutorials.DATA_LAKE_SPEC;
        List<String> seen = new ArrayList<>();
        int pages = 0;
        while (next != null) {
            Reply page = client.get(Tutorials.FLOWS + next);
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(item -> seen.add(item.get("id").asText()));
            JsonNode href = page.json().at("/_links/next/href");
            next = href.isMissingNode() ? null : href.asText();
            if (next != null) {
                assertThat(next).matches("/connections\\?continuationToken=[A-Za-z0-9_-]+");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
        Reply count = client.get(Tutorials.FLOWS + "/connections?count=true&property=connectionSpec.id==" + Tutorials.DATA_LAKE_SPEC);
        assertThat(count.json().get("count").asInt()).isEqualTo(5);
        TutorialMistakesTest.assertFlowError(client.get(Tutorials.FLOWS + "/connections?count=true&limit=2"), 400, "1401-400");
        TutorialMistakesTest.assertFlowError(client.get(Tutorials.FLOWS + "/connections?continuationToken=garbage"), 400, "1400-400");
    }

    @Test
    void schema_registry_pages_with_start_and_page_next() {
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Tutorials t = Tutorials.crm(client);
            Tutorials.expect(t.createAdhocClass(t.sourceColumns()), 201);
            titles.add("adhoc class " + t.suffix);
        }
        titles.sort(String::compareTo);
        List<String> seen = new ArrayList<>();
        String query = "?orderby=title&limit=2";
        int pages = 0;
        while (query != null) {
            Reply page = client.get(Tutorials.REGISTRY + "/tenant/classes" + query, AepClient.XED_ID);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("results").forEach(r -> seen.add(r.get("title").asText()));
            JsonNode next = page.json().at("/_page/next");
            assertThat(page.json().at("/_page/count").asInt()).isEqualTo(page.json().get("results").size());
            query = next.isNull() ? null : "?orderby=title&limit=2&start=" + AepClient.enc(next.asText());
            if (query != null) assertThat(page.json().at("/_links/next").asText()).contains("start=");
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(titles);
        ErrorFormatsTest.assertXdm(client.get(Tutorials.REGISTRY + "/tenant/classes?orderby=title&limit=501", AepClient.XED_ID), 400, "BadRequestError");
    }

    @Test
    void catalog_pages_with_limit_and_start_over_an_object_keyed_by_id() {
        Tutorials t = Tutorials.crm(client);
        Tutorials.expect(t.createTargetSchema(t.targetSchemaBody(List.of(Tutorials.PROFILE))), 201);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Tutorials.expect(t.createDataSet(t.targetSchemaId), 201).json().get(0).asText().substring(11));
        }
        List<String> seen = new ArrayList<>();
        for (int start = 0; ; start += 2) {
            Reply page = client.get(Tutorials.CATALOG + "/dataSets?limit=2&start=" + start + "&properties=name,schemaRef");
            assertThat(page.status()).isEqualTo(200);
            page.json().fieldNames().forEachRemaining(seen::add);
            page.json().forEach(dataSet -> assertThat(dataSet.has("created")).as("projected on name,schemaRef").isFalse());
            if (page.json().size() < 2) break;
        }
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(client.get(Tutorials.CATALOG + "/dataSets?limit=101").status()).isEqualTo(400);
        assertThat(client.get(Tutorials.CATALOG + "/dataSets").json().size()).isEqualTo(5);
    }

    @Test
    void data_prep_pages_with_limit_start_and_page() {
        Tutorials t = Tutorials.crm(client);
        Tutorials.expect(t.createTargetSchema(t.targetSchemaBody(List.of(Tutorials.PROFILE, Tutorials.PERSON_DETAILS))), 201);
        for (int i = 0; i < 3; i++) {
            ObjectNode body = AepClient.MAPPER.createObjectNode().put("name", "mapping-" + i);
            body.putObject("outputSchema").putObject("schemaRef").put("id", t.targetSchemaId)
                    .put("contentType", "application/vnd.adobe.xed-full+json;version=1");
            body.putArray("mappings").addObject().put("sourceType", "ATTRIBUTE").put("source", "first_name")
                    .put("destination", "person.name.firstName");
            Tutorials.expect(client.post(Tutorials.CONVERSION + "/mappingSets", body), 200);
        }
        Reply first = client.get(Tutorials.CONVERSION + "/mappingSets?limit=2&start=0");
        assertThat(first.json().get("data")).hasSize(2);
        assertThat(first.json().at("/_page/count").asInt()).isEqualTo(2);
        assertThat(first.json().at("/_page/limit").asInt()).isEqualTo(2);
        String next = first.json().at("/_links/next/href").asText();
        Matcher start = Pattern.compile("start=(\\d+)").matcher(next);
        assertThat(start.find()).isTrue();
        Reply second = client.get(Tutorials.CONVERSION + "/mappingSets?limit=2&start=" + start.group(1));
        assertThat(second.json().get("data")).hasSize(1);
        assertThat(second.json().at("/_links/next").isMissingNode()).isTrue();
        Reply byName = client.get(Tutorials.CONVERSION + "/mappingSets?limit=10&start=0&name=mapping-1");
        assertThat(byName.json().get("data")).hasSize(1);
        assertThat(byName.json().at("/data/0/name").asText()).isEqualTo("mapping-1");
        ErrorFormatsTest.assertPlatform(client.get(Tutorials.CONVERSION + "/mappingSets"), 400);
    }
}
