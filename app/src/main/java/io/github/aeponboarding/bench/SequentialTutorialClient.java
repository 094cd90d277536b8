package io.github.aeponboarding.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The CRM tutorial as a user would script it: plain HTTP calls, one after another, each waiting
 * for the previous answer. The tutorial's order and calls (token, ad hoc class, ad hoc schema,
 * source connection, target schema, dataset, dataset base connection, target connection, mapping
 * set, flowSpec lookup, flow), with its mistakes fixed so that every call succeeds: the right
 * connection spec id, the Data Lake spec on the target connection, integers in the schedule, the
 * looked-up CRMToAEP flowSpec, the Authorization header on every call. One HTTP/1.1 client with
 * keep-alive for the whole run (kinder to the script than curl's new connection per call).
 */
final class SequentialTutorialClient {
    static final String DATA_LAKE_SPEC = "c604ff05-7f1a-43c0-8e18-33bf874cb11c";
    private static final String FULL = "application/vnd.adobe.xed-full+json;version=1";
    private static final String NOTEXT = "application/vnd.adobe.xed-full-notext+json; version=1";
    /** AEP round trips of one onboarding, IMS token included. */
    static final int CALLS = 11;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;
    private final String orgId;
    private final String sandbox;
    private String token;

    SequentialTutorialClient(String baseUrl, String clientId, String clientSecret, String orgId, String sandbox) {
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.orgId = orgId;
        this.sandbox = sandbox;
    }

    /** One onboarding, the tutorial's eleven calls; returns the flow id. */
    String onboard(String id) throws IOException, InterruptedException {
        // 1. IMS access token (OAuth server-to-server)
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret)
                + "&scope=" + enc("openid,AdobeID,read_organizations,additional_info.projectedProductContext,session");
        JsonNode ims = send(HttpRequest.newBuilder(URI.create(baseUrl + "/ims/token/v3"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), "token");
        token = ims.path("access_token").asText();

        // 2. ad hoc class with the source columns, 3. ad hoc schema of that class
        ObjectNode columns = mapper.createObjectNode();
        for (String[] c : BenchRequests.COLUMNS) {
            ObjectNode type = columns.putObject(c[0]).put("type", "string");
            if (c[1].equals("date-time")) {
                type.put("format", "date-time");
            }
        }
        ObjectNode adhocClass = titled(id + " ad hoc class");
        ArrayNode classAllOf = adhocClass.putArray("allOf");
        classAllOf.addObject().put("$ref", "https://ns.adobe.com/xdm/data/adhoc");
        classAllOf.addObject().putObject("properties").putObject("_adhoc").put("type", "object").set("properties", columns);
        String classId = post("/data/foundation/schemaregistry/tenant/classes", adhocClass, "adhoc class").path("$id").asText();

        ObjectNode adhocSchema = titled(id + " ad hoc schema");
        adhocSchema.putArray("allOf").addObject().put("$ref", classId);
        String adhocSchemaId = post("/data/foundation/schemaregistry/tenant/schemas", adhocSchema, "adhoc schema").path("$id").asText();

        // 4. source connection on the Salesforce base connection, the table and its columns
        ObjectNode source = mapper.createObjectNode().put("name", id + " source connection")
                .put("baseConnectionId", BenchRequests.SALESFORCE_BASE_CONNECTION);
        source.putObject("connectionSpec").put("id", BenchRequests.SALESFORCE_SPEC).put("version", "1.0");
        ObjectNode data = source.putObject("data").put("format", "parquet_xdm");
        data.putObject("schema").put("id", adhocSchemaId).put("version", NOTEXT);
        ObjectNode params = source.putObject("params").put("tableName", BenchRequests.TABLE);
        ArrayNode cols = params.putArray("columns");
        for (String[] c : BenchRequests.COLUMNS) {
            cols.addObject().put("name", c[0]).put("type", c[1]);
        }
        String sourceConnectionId = post("/data/foundation/flowservice/sourceConnections", source, "source connection").path("id").asText();

        // 5. target XDM schema, 6. dataset on it
        ObjectNode targetSchema = titled(id + " target schema");
        ArrayNode allOf = targetSchema.putArray("allOf");
        allOf.addObject().put("$ref", BenchRequests.PROFILE_CLASS);
        for (String fg : BenchRequests.FIELD_GROUPS) {
            allOf.addObject().put("$ref", fg);
        }
        String targetSchemaId = post("/data/foundation/schemaregistry/tenant/schemas", targetSchema, "target schema").path("$id").asText();

        ObjectNode dataset = mapper.createObjectNode().put("name", id + " dataset");
        dataset.putObject("schemaRef").put("id", targetSchemaId).put("contentType", FULL);
        String datasetId = post("/data/foundation/catalog/dataSets?requestDataSource=true", dataset, "dataset").path(0).asText()
                .replace("@/dataSets/", "");

        // 7. dataset base connection (Data Lake), 8. target connection on it
        ObjectNode base = mapper.createObjectNode().put("name", id + " dataset base connection");
        base.putObject("connectionSpec").put("id", DATA_LAKE_SPEC).put("version", "1.0");
        String baseConnectionId = post("/data/foundation/flowservice/connections", base, "base connection").path("id").asText();

        ObjectNode target = mapper.createObjectNode().put("name", id + " target connection").put("baseConnectionId", baseConnectionId);
        target.putObject("connectionSpec").put("id", DATA_LAKE_SPEC).put("version", "1.0");
        ObjectNode targetData = target.putObject("data").put("format", "parquet_xdm");
        targetData.putObject("schema").put("id", targetSchemaId).put("version", FULL);
        target.putObject("params").put("dataSetId", datasetId);
        String targetConnectionId = post("/data/foundation/flowservice/targetConnections", target, "target connection").path("id").asText();

        // 9. mapping set
        ObjectNode mapping = mapper.createObjectNode().put("name", id + "-mapping-set");
        mapping.putObject("outputSchema").putObject("schemaRef").put("id", targetSchemaId).put("contentType", FULL);
        ArrayNode mappings = mapping.putArray("mappings");
        for (String[] m : BenchRequests.MAPPING) {
            mappings.addObject().put("sourceType", "ATTRIBUTE").put("source", m[0]).put("destination", m[1]);
        }
        String mappingSetId = post("/data/foundation/conversion/mappingSets", mapping, "mapping set").path("id").asText();

        // 10. the CRMToAEP flowSpec, looked up by name (the tutorial's id is wrong)
        String flowSpecId = send(platform("/data/foundation/flowservice/flowSpecs?property=name==CRMToAEP").GET(), "flowSpec")
                .path("items").path(0).path("id").asText();

        // 11. the dataflow
        ObjectNode flow = mapper.createObjectNode().put("name", id + " dataflow");
        flow.putObject("flowSpec").put("id", flowSpecId).put("version", "1.0");
        flow.putArray("sourceConnectionIds").add(sourceConnectionId);
        flow.putArray("targetConnectionIds").add(targetConnectionId);
        ArrayNode transformations = flow.putArray("transformations");
        transformations.addObject().put("name", "Copy").putObject("params").put("mode", "append");
        transformations.addObject().put("name", "Mapping").putObject("params").put("mappingId", mappingSetId).put("mappingVersion", "0");
        flow.putObject("scheduleParams").put("startTime", BenchRequests.START_TIME).put("frequency", "minute").put("interval", 30);
        return post("/data/foundation/flowservice/flows", flow, "flow").path("id").asText();
    }

    private ObjectNode titled(String title) {
        return mapper.createObjectNode().put("title", title).put("description", "benchmark, sequential tutorial").put("type", "object");
    }

    private JsonNode post(String path, ObjectNode body, String what) throws IOException, InterruptedException {
        return send(platform(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))), what);
    }

    private HttpRequest.Builder platform(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("x-api-key", clientId)
                .header("x-gw-ims-org-id", orgId)
                .header("x-sandbox-name", sandbox)
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request, String what) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException(what + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return mapper.readTree(answer.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
