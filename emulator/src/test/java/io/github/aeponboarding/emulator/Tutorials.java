package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/**
 * The calls of the two seed tutorials (CRM and payments), their documented mistakes fixed (aep-api.md
 * B.5), as building blocks: each step sends one call, returns the reply and remembers the new id, so a
 * test can replay the chain or stop before a step and send a broken variant of it.
 */
final class Tutorials {
    static final String SALESFORCE_SPEC = "cfc0fee1-7dc0-40ef-b73e-d8b134c436f5";
    static final String PAYPAL_SPEC = "221c7626-58f6-4eec-8ee2-042b0226f03b";
    static final String DATA_LAKE_SPEC = "c604ff05-7f1a-43c0-8e18-33bf874cb11c";
    static final String CRM_TO_AEP = "14518937-270c-4525-bdec-c2ba7cce3860";
    static final String CLOUD_STORAGE_TO_AEP = "9753525b-82c7-4dce-8a9b-5ccfce2b9876";
    static final String SALESFORCE_CONNECTION = "4cb0c374-d3bb-4557-b139-5712880adc55";
    static final String PAYPAL_CONNECTION = "24151d58-ffa7-4960-951d-58ffa7396097";
    static final String PROFILE = "https://ns.adobe.com/xdm/context/profile";
    static final String PERSON_DETAILS = "https://ns.adobe.com/xdm/context/profile-person-details";
    static final String PERSONAL_DETAILS = "https://ns.adobe.com/xdm/context/profile-personal-details";
    static final String FLOWS = "/data/foundation/flowservice";
    static final String REGISTRY = "/data/foundation/schemaregistry";
    static final String CATALOG = "/data/foundation/catalog";
    static final String CONVERSION = "/data/foundation/conversion";

    final AepClient client;
    final boolean payments;
    /** Keeps titles unique when several replays share a sandbox. */
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    String adhocClassId;
    String adhocSchemaId;
    String sourceConnectionId;
    String targetSchemaId;
    String dataSetId;
    String datasetBaseConnectionId;
    String targetConnectionId;
    String mappingId;
    String flowId;

    private Tutorials(AepClient client, boolean payments) {
        this.client = client;
        this.payments = payments;
    }

    static Tutorials crm(AepClient client) {
        return new Tutorials(client, false);
    }

    static Tutorials payments(AepClient client) {
        return new Tutorials(client, true);
    }

    List<String> sourceColumns() {
        return payments ? List.of("Product_Id", "Product_Name", "Description", "Type", "Create_Time", "updatedAt")
                : List.of("first_name", "last_name", "email", "updatedAt");
    }

    // --- step 2: ad hoc class and schema (help/xdm/tutorials/ad-hoc.md, as both tutorials require)

    ObjectNode adhocClassBody(List<String> columns) {
        ObjectNode body = AepClient.MAPPER.createObjectNode();
        body.put("title", "adhoc class " + suffix).put("description", "Raw source columns").put("type", "object");
        ArrayNode allOf = body.putArray("allOf");
        allOf.addObject().put("$ref", "https://ns.adobe.com/xdm/data/adhoc");
        ObjectNode fields = allOf.addObject().putObject("properties").putObject("_adhoc").put("type", "object").putObject("properties");
        columns.forEach(c -> fields.putObject(c).put("type", "string"));
        return body;
    }

    Reply createAdhocClass(List<String> columns) {
        return send(REGISTRY + "/tenant/classes", adhocClassBody(columns), 201, r -> adhocClassId = r.json().get("$id").asText());
    }

    Reply createAdhocSchema() {
        ObjectNode body = AepClient.MAPPER.createObjectNode();
        body.put("title", "adhoc schema " + suffix).put("description", "Raw source schema").put("type", "object");
        body.putArray("allOf").addObject().put("$ref", adhocClassId);
        return send(REGISTRY + "/tenant/schemas", body, 201, r -> adhocSchemaId = r.json().get("$id").asText());
    }

    // --- step 3: source connection

    ObjectNode sourceConnectionBody() {
        ObjectNode body = AepClient.MAPPER.createObjectNode();
        body.put("name", payments ? "Paypal source connection" : "Source Connection for a CRM system");
        body.put("baseConnectionId", payments ? PAYPAL_CONNECTION : SALESFORCE_CONNECTION);
        body.put("description", payments ? "Paypal" : "Source Connection for a CRM system");
        ObjectNode data = body.putObject("data").put("format", "parquet_xdm");
        data.putObject("schema").put("id", adhocSchemaId).put("version", "application/vnd.adobe.xed-full-notext+json; version=1");
        ObjectNode params = body.putObject("params");
        if (payments) {
            params.put("path", "PayPal.Catalog_Products");
        } else {
            params.put("tableName", "Contact");
            ArrayNode columns = params.putArray("columns");
            for (String name : List.of("first_name", "last_name", "email")) {
                columns.addObject().put("name", name).put("type", "string").putObject("meta").put("originalType", "String");
            }
        }
        // B.5.2 / B.5.4 fixed: the right Salesforce spec id, and connectionSpec present on the CRM call too
        body.putObject("connectionSpec").put("id", payments ? PAYPAL_SPEC : SALESFORCE_SPEC).put("version", "1.0");
        return body;
    }

    Reply createSourceConnection(ObjectNode body) {
        return send(FLOWS + "/sourceConnections", body, 201, r -> sourceConnectionId = r.json().get("id").asText());
    }

    // --- step 4: target schema

    ObjectNode targetSchemaBody(List<String> refs) {
        ObjectNode body = AepClient.MAPPER.createObjectNode();
        body.put("type", "object").put("title", (payments ? "Target schema for payments " : "Target schema for CRM ") + suffix);
        body.put("description", payments ? "Target schema for payments" : "");
        ArrayNode allOf = body.putArray("allOf");
        refs.forEach(ref -> allOf.addObject().put("$ref", ref));
        body.put("meta:containerId", "tenant").put("meta:resourceType", "schemas").put("meta:xdmType", "object")
                .put("meta:class", PROFILE);
        return body;
    }

    Reply createTargetSchema(ObjectNode body) {
        return send(REGISTRY + "/tenant/schemas", body, 201, r -> targetSchemaId = r.json().get("$id").asText());
    }

    // --- step 5: dataset

    Reply createDataSet(String schemaId) {
        ObjectNode body = AepClient.MAPPER.createObjectNode();
        body.put("name", (payments ? "Target dataset for payments " : "Target Dataset for CRM data ") + suffix);
        body.putObject("schemaRef").put("id", schemaId).put("contentType", "application/vnd.adobe.xed-full-notext+json; version=1");
        return send(CATALOG + "/dataSets?requestDataSource=true", body, 201,
                r -> dataSetId = r.json().get(0).asText().substring("@/dataSets/".length()));
    }

    // --- step 6: dataset base connection (create-dataset-base-connection.md)

    Reply createDatasetBaseConnection() {
        ObjectNode body = AepClient.MAPPER.createObjectNode();
        body.put("name", "Dataset Base Connection").put("description", "Dataset Base Connection");
        body.putObject("connectionSpec").put("id", DATA_LAKE_SPEC).put("version", "1.0");
        return send(FLOWS + "/connections", body, 201, r -> datasetBaseConnectionId = r.json().get("id").asText());
    }

    // --- step 7: target connection

    ObjectNode targetConnectionBody(String connectionSpecId) {
        ObjectNode body = AepClient.MAPPER.createObjectNode();
        body.put("baseConnectionId", datasetBaseConnectionId);
        body.put("name", payments ? "Target Connection for payments" : "Target Connection");
        body.put("description", payments ? "Target Connection for payments" : "Target Connection for CRM data");
        ObjectNode schema = body.putObject("data").put("format", "parquet_xdm").putObject("schema").put("id", targetSchemaId);
        // the payments tutorial sends no version here, the CRM one ...;version=1.0 (B.5.15): both are fine
        if (!payments) schema.put("version", "application/vnd.adobe.xed-full+json;version=1.0");
        body.putObject("params").put("dataSetId", dataSetId);
        body.putObject("connectionSpec").put("id", connectionSpecId).put("version", "1.0");
        return body;
    }

    Reply createTargetConnection(ObjectNode body) {
        return send(FLOWS + "/targetConnections", body, 201, r -> targetConnectionId = r.json().get("id").asText());
    }

    // --- step 8: mapping set, in the tutorials' legacy form

    ObjectNode legacyMappingBody(String schemaId) {
        ObjectNode body = AepClient.MAPPER.createObjectNode();
        body.put("version", 0).put("xdmSchema", schemaId).put("xdmVersion", "1.0").putNull("id");
        ArrayNode mappings = body.putArray("mappings");
        List<String[]> pairs = payments
                ? List.of(new String[] {"_id", "Product_Id"}, new String[] {"product.name", "Product_Name"},
                        new String[] {"product.description", "Description"}, new String[] {"product.type", "Type"})
                : List.of(new String[] {"person.name.firstName", "first_name"}, new String[] {"person.name.lastName", "last_name"},
                        new String[] {"personalEmail.address", "email"});
        for (String[] pair : pairs) {
            mappings.addObject().put("destinationXdmPath", pair[0]).put("sourceAttribute", pair[1]).put("identity", false)
                    .putNull("identityGroup").putNull("namespaceCode").put("version", 0);
        }
        return body;
    }

    Reply createMapping(ObjectNode body) {
        return send(CONVERSION + "/mappingSets", body, 200, r -> mappingId = r.json().get("id").asText());
    }

    // --- step 9: flowSpec lookup (B.5.5 fixed: the client sends Authorization)

    Reply lookupFlowSpec() {
        return client.get(FLOWS + "/flowSpecs?property=name==%22CRMToAEP%22");
    }

    // --- step 10: dataflow

    ObjectNode flowBody() {
        ObjectNode body = AepClient.MAPPER.createObjectNode();
        body.put("name", payments ? "Dataflow between payments Platform" : "Dataflow between a CRM system and Platform");
        body.put("description", "Inbound data to Platform");
        // B.5.1 fixed: CRMToAEP, not CloudStorageToAEP
        body.putObject("flowSpec").put("id", CRM_TO_AEP).put("version", "1.0");
        body.putArray("sourceConnectionIds").add(sourceConnectionId);
        body.putArray("targetConnectionIds").add(targetConnectionId);
        ArrayNode transformations = body.putArray("transformations");
        ObjectNode copy = transformations.addObject().put("name", "Copy").putObject("params");
        if (payments) copy.putObject("deltaColumn").put("name", "updatedAt").put("dateFormat", "YYYY-MM-DD").put("timezone", "UTC");
        else copy.put("mode", "append");
        transformations.addObject().put("name", "Mapping").putObject("params").put("mappingId", mappingId).put("mappingVersion", "0");
        // B.5.9 fixed: integers, not strings
        body.putObject("scheduleParams").put("startTime", 1567411548L).put("frequency", "minute").put("interval", 30);
        return body;
    }

    Reply createFlow(ObjectNode body) {
        return send(FLOWS + "/flows", body, 201, r -> flowId = r.json().get("id").asText());
    }

    /** POSTs and, when the documented success status comes back, lets {@code created} remember the id. */
    private Reply send(String path, Object body, int success, java.util.function.Consumer<Reply> created) {
        Reply reply = client.post(path, body);
        if (reply.status() == success) created.accept(reply);
        return reply;
    }

    /** The ad hoc class and schema of step 2, failing fast on any refusal. */
    Tutorials upToAdhocSchema() {
        expect(createAdhocClass(sourceColumns()), 201);
        expect(createAdhocSchema(), 201);
        return this;
    }

    /** Runs every step up to and including the target connection, failing fast on any refusal. */
    Tutorials upToTargetConnection() {
        upToAdhocSchema();
        expect(createSourceConnection(sourceConnectionBody()), 201);
        expect(createTargetSchema(targetSchemaBody(List.of(PROFILE, PERSON_DETAILS, PERSONAL_DETAILS))), 201);
        expect(createDataSet(targetSchemaId), 201);
        expect(createDatasetBaseConnection(), 201);
        expect(createTargetConnection(targetConnectionBody(DATA_LAKE_SPEC)), 201);
        return this;
    }

    /** The whole chain, ending with a created flow. */
    Tutorials all() {
        upToTargetConnection();
        expect(createMapping(legacyMappingBody(targetSchemaId)), 200);
        expect(lookupFlowSpec(), 200);
        expect(createFlow(flowBody()), 201);
        return this;
    }

    static Reply expect(Reply reply, int status) {
        if (reply.status() != status) throw new AssertionError("expected " + status + " but got " + reply);
        return reply;
    }
}
