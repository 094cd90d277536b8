package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both seed tutorials, step by step with their mistakes fixed, get the documented responses. */
class TutorialReplayTest {
    private static AepEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = AepEmulator.start(EmulatorOptions.builder().runDurationMillis(0).build());   // the run has ended when read
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void crm_tutorial_with_its_mistakes_fixed_gets_the_documented_responses() {
        Tutorials crm = Tutorials.crm(new AepClient(emulator, "crm-replay"));
        replay(crm);
        Reply source = crm.client.get(Tutorials.FLOWS + "/sourceConnections/" + crm.sourceConnectionId);
        assertThat(source.json().at("/items/0/params/tableName").asText()).isEqualTo("Contact");
        assertThat(source.json().at("/items/0/baseConnectionId").asText()).isEqualTo(Tutorials.SALESFORCE_CONNECTION);
    }

    @Test
    void payments_tutorial_with_its_mistakes_fixed_gets_the_documented_responses() {
        Tutorials payments = Tutorials.payments(new AepClient(emulator, "payments-replay"));
        replay(payments);
        Reply flow = payments.client.get(Tutorials.FLOWS + "/flows/" + payments.flowId);
        assertThat(flow.json().at("/items/0/transformations/0/params/deltaColumn/name").asText()).isEqualTo("updatedAt");
        assertThat(flow.json().at("/items/0/inheritedAttributes/sourceConnections/0/connectionSpec/id").asText())
                .isEqualTo(Tutorials.PAYPAL_SPEC);
    }

    private static void replay(Tutorials t) {
        Reply stats = t.client.get(Tutorials.REGISTRY + "/stats");
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json().get("tenantId").asText()).isEqualTo("emulator");

        Reply adhocClass = t.createAdhocClass(t.sourceColumns());
        assertThat(adhocClass.status()).isEqualTo(201);
        JsonNode cls = adhocClass.json();
        assertThat(cls.get("$id").asText()).matches("https://ns\\.adobe\\.com/emulator/classes/[0-9a-f]{32}");
        String namespace = cls.get("meta:datasetNamespace").asText();
        assertThat(namespace).matches("_[0-9a-f]{32}");
        assertThat(cls.at("/allOf/1/properties").has(namespace)).as("_adhoc renamed to the namespace").isTrue();
        assertThat(cls.at("/allOf/1/properties").has("_adhoc")).isFalse();
        assertThat(cls.get("meta:extends").toString()).contains("https://ns.adobe.com/xdm/data/adhoc");
        assertThat(cls.get("meta:abstract").asBoolean()).isTrue();

        Reply adhocSchema = t.createAdhocSchema();
        assertThat(adhocSchema.status()).isEqualTo(201);
        assertThat(adhocSchema.json().get("meta:altId").asText()).matches("_emulator\\.schemas\\.[0-9a-f]{32}");
        assertThat(adhocSchema.json().get("version").asText()).isEqualTo("1.0");
        assertThat(adhocSchema.json().get("meta:class").asText()).isEqualTo(t.adhocClassId);
        Reply full = t.client.get(Tutorials.REGISTRY + "/tenant/schemas/" + AepClient.enc(t.adhocSchemaId), AepClient.XED_FULL);
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.json().at("/properties/" + namespace + "/properties").has(t.sourceColumns().get(0))).isTrue();

        Reply source = t.createSourceConnection(t.sourceConnectionBody());
        assertCreated(source, "sourceConnections");

        Reply target = t.createTargetSchema(t.targetSchemaBody(List.of(Tutorials.PROFILE, Tutorials.PERSON_DETAILS,
                Tutorials.PERSONAL_DETAILS)));
        assertThat(target.status()).isEqualTo(201);
        assertThat(target.json().get("meta:class").asText()).isEqualTo(Tutorials.PROFILE);
        assertThat(target.json().get("meta:extends").toString()).contains(Tutorials.PERSON_DETAILS,
                "https://ns.adobe.com/xdm/data/record", Tutorials.PROFILE);

        Reply dataSet = t.createDataSet(t.targetSchemaId);
        assertThat(dataSet.status()).isEqualTo(201);
        assertThat(dataSet.json().get(0).asText()).matches("@/dataSets/[0-9a-f]{24}");
        assertThat(dataSet.header("Location")).endsWith("/dataSets/" + t.dataSetId);

        assertCreated(t.createDatasetBaseConnection(), "connections");
        assertCreated(t.createTargetConnection(t.targetConnectionBody(Tutorials.DATA_LAKE_SPEC)), "targetConnections");

        Reply mapping = t.createMapping(t.legacyMappingBody(t.targetSchemaId));
        assertThat(mapping.status()).as("Data Prep answers 200, not 201").isEqualTo(200);
        assertThat(mapping.json().get("id").asText()).matches("[0-9a-f]{32}");
        assertThat(mapping.json().get("version").asInt()).isZero();
        assertThat(mapping.json().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "version", "createdDate", "modifiedDate", "createdBy", "modifiedBy");

        Reply flowSpec = t.lookupFlowSpec();
        assertThat(flowSpec.status()).isEqualTo(200);
        JsonNode spec = flowSpec.json().at("/items/0");
        assertThat(flowSpec.json().get("items")).hasSize(1);
        assertThat(spec.get("id").asText()).isEqualTo(Tutorials.CRM_TO_AEP);
        assertThat(spec.at("/transformationSpecs/0/name").asText()).isEqualTo("Copy");
        assertThat(spec.at("/scheduleSpec/spec/properties/startTime/type").asText()).isEqualTo("integer");
        assertThat(spec.get("sourceConnectionSpecIds").toString()).contains(t.payments ? Tutorials.PAYPAL_SPEC : Tutorials.SALESFORCE_SPEC);

        Reply flow = t.createFlow(t.flowBody());
        assertCreated(flow, "flows");

        Reply runs = t.client.get(Tutorials.FLOWS + "/runs?property=flowId==" + t.flowId);
        assertThat(runs.status()).isEqualTo(200);
        assertThat(runs.json().get("items")).hasSize(1);
        JsonNode metrics = runs.json().at("/items/0/metrics");
        assertThat(metrics.at("/statusSummary/status").asText()).isEqualTo("success");
        int rows = t.payments ? 4 : 5;
        assertThat(metrics.at("/recordSummary/inputRecordCount").asInt()).isEqualTo(rows);
        assertThat(metrics.at("/recordSummary/outputRecordCount").asInt()).isEqualTo(rows);
    }

    private static void assertCreated(Reply reply, String collection) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(reply.json().get("etag").asText()).startsWith("\"").endsWith("\"");
        assertThat(reply.header("Location")).isEqualTo(Tutorials.FLOWS + "/" + collection + "/" + reply.json().get("id").asText());
    }
}
