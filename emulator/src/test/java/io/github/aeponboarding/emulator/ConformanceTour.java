package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A representative run over every operation the emulator serves, for the response check: onboarding
 * of both examples, the re-submission's lookups, the schedule patch, explore, reads, lists followed
 * page by page, and error probes. Only the emulator's answers matter here, so nothing is asserted
 * beyond the steps the next ones depend on.
 */
final class ConformanceTour {
    /** How long the tour's runs last (the emulator of the response check is started with it). */
    static final long RUN_MILLIS = 200;
    private final AepClient client;

    ConformanceTour(AepClient client) {
        this.client = client;
    }

    void run() {
        Tutorials crm = Tutorials.crm(client).all();
        Tutorials payments = Tutorials.payments(client).all();
        resubmission(crm);
        runs(crm, payments);
        schedulePatch(crm);
        explore();
        reads(crm);
        todaysSources();
        pages();
        errorProbes(payments);
    }

    /** Today's recipe for the JSON sources on RestStorageToAEP, their explore, and the refusals of their rules. */
    private void todaysSources() {
        TodaysRecipe today = new TodaysRecipe(client);
        client.get(Tutorials.FLOWS + "/flowSpecs?property=name==RestStorageToAEP");
        String stripe = today.source(TodaysRecipe.STRIPE_CONNECTION, TodaysRecipe.STRIPE_SPEC, "json", Map.of("resourcePath", "customers"))
                .json().path("id").asText();
        today.flow(stripe, TodaysRecipe.REST_STORAGE_TO_AEP, List.of("Mapping"), Map.of("startTime", 1767225600, "frequency", "minute", "interval", 15));
        today.flow(stripe, TodaysRecipe.REST_STORAGE_TO_AEP, List.of("Copy", "Mapping"), Map.of("startTime", 1767225600, "frequency", "hour", "interval", 1));
        String sugar = today.source(TodaysRecipe.SUGARCRM_CONNECTION, TodaysRecipe.SUGARCRM_SPEC, "json", Map.of("object_type", "accounts", "path", "accounts"))
                .json().path("id").asText();
        today.flow(sugar, TodaysRecipe.REST_STORAGE_TO_AEP, List.of("Mapping"), Map.of("startTime", 1767225600, "frequency", "minute", "interval", 15));
        today.source(TodaysRecipe.STRIPE_CONNECTION, TodaysRecipe.STRIPE_SPEC, "json", Map.of("resourcePath", "invoices"));
        String base = Tutorials.FLOWS + "/connections/" + TodaysRecipe.STRIPE_CONNECTION;
        client.get(base + "/explore?objectType=root");
        client.get(base + "/explore?objectType=table&object=charges&preview=true");
    }

    /** What a re-submission asks before creating anything: every resource looked up by name. */
    private void resubmission(Tutorials t) {
        client.get(Tutorials.REGISTRY + "/tenant/classes?property=title==" + AepClient.enc("adhoc class " + t.suffix), AepClient.XED_ID);
        client.get(Tutorials.REGISTRY + "/tenant/schemas?property=title==" + AepClient.enc("adhoc schema " + t.suffix), AepClient.XED_ID);
        client.get(Tutorials.CATALOG + "/dataSets?name=" + AepClient.enc("Target Dataset for CRM data " + t.suffix) + "&properties=name,schemaRef");
        for (String collection : List.of("connections", "sourceConnections", "targetConnections", "flows")) {
            client.get(Tutorials.FLOWS + "/" + collection + "?property=connectionSpec.id==" + Tutorials.DATA_LAKE_SPEC);
        }
        client.get(Tutorials.FLOWS + "/flows?property=name==" + AepClient.enc("CRM flow"));
        client.get(Tutorials.FLOWS + "/flowSpecs?property=name==CRMToAEP");
        client.get(Tutorials.FLOWS + "/connectionSpecs?property=id==" + Tutorials.SALESFORCE_SPEC);
        client.get(Tutorials.CONVERSION + "/mappingSets?limit=100&start=0");
    }

    /**
     * Runs in each state the emulator gives them (in progress, then ended: the response check's emulator
     * ends CRM runs partially successful and payments runs failed), RE_TRIGGER, and its refusals.
     */
    private void runs(Tutorials crm, Tutorials payments) {
        String running = client.get(Tutorials.FLOWS + "/runs?property=flowId==" + crm.flowId).json().at("/items/0/id").asText();
        client.get(Tutorials.FLOWS + "/runs/" + running);
        client.get(Tutorials.FLOWS + "/flows/" + crm.flowId);
        client.post(Tutorials.FLOWS + "/runs/" + running + "/action?op=RE_TRIGGER", "");   // refused: in progress
        client.post(Tutorials.FLOWS + "/runs/" + running + "/action?op=CANCEL", "");
        client.post(Tutorials.FLOWS + "/runs/unknown/action?op=RE_TRIGGER", "");
        waitForRunsToEnd();
        String failed = client.get(Tutorials.FLOWS + "/runs?property=flowId==" + payments.flowId).json().at("/items/0/id").asText();
        client.get(Tutorials.FLOWS + "/runs/" + failed);
        client.get(Tutorials.FLOWS + "/flows/" + payments.flowId);
        client.post(Tutorials.FLOWS + "/runs/" + running + "/action?op=RE_TRIGGER", "");
        client.post(Tutorials.FLOWS + "/flows/" + payments.flowId + "/action?op=DISABLE", "");
        client.post(Tutorials.FLOWS + "/runs/" + failed + "/action?op=RE_TRIGGER", "");   // refused: the flow is disabled
        client.post(Tutorials.FLOWS + "/flows/" + payments.flowId + "/action?op=ENABLE", "");
        waitForRunsToEnd();
        client.get(Tutorials.FLOWS + "/runs?property=flowId==" + crm.flowId);
    }

    private static void waitForRunsToEnd() {
        try {
            Thread.sleep(RUN_MILLIS + 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void schedulePatch(Tutorials t) {
        String path = Tutorials.FLOWS + "/flows/" + t.flowId;
        String etag = client.get(path).json().at("/items/0/etag").asText();
        ObjectNode op = AepClient.MAPPER.createObjectNode().put("op", "replace").put("path", "/scheduleParams/interval").put("value", 60);
        client.patch(path, AepClient.MAPPER.createArrayNode().add(op), etag);
        client.post(path + "/action?op=DISABLE", "");
        client.post(path + "/action?op=ENABLE", "");
    }

    private void explore() {
        for (String connection : List.of(Tutorials.SALESFORCE_CONNECTION, Tutorials.PAYPAL_CONNECTION)) {
            String base = Tutorials.FLOWS + "/connections/" + connection;
            JsonNode tables = client.get(base + "/explore?objectType=root").json();
            String table = tables.get(0).get("path").asText();
            client.get(base + "/explore?objectType=table&object=" + AepClient.enc(table));
            client.get(base + "/explore?objectType=table&object=" + AepClient.enc(table) + "&preview=true");
            client.get(base + "/test");
            client.get(base);
        }
    }

    private void reads(Tutorials t) {
        client.get(Tutorials.REGISTRY + "/stats");
        String full = "application/vnd.adobe.xed-full+json; version=1";
        client.get(Tutorials.REGISTRY + "/tenant/classes/" + AepClient.enc(t.adhocClassId), "application/vnd.adobe.xed+json; version=1");
        client.get(Tutorials.REGISTRY + "/tenant/schemas/" + AepClient.enc(t.adhocSchemaId), full);
        client.get(Tutorials.REGISTRY + "/tenant/schemas/" + AepClient.enc(t.targetSchemaId), "application/vnd.adobe.xdm-full+json; version=1");
        client.get(Tutorials.REGISTRY + "/global/classes", AepClient.XED_ID);
        client.get(Tutorials.REGISTRY + "/global/mixins", "application/vnd.adobe.xdm+json");
        client.get(Tutorials.REGISTRY + "/global/fieldgroups/" + AepClient.enc(Tutorials.PERSON_DETAILS), full);
        client.get(Tutorials.REGISTRY + "/global/classes/" + AepClient.enc(Tutorials.PROFILE), full);
        client.get(Tutorials.CATALOG + "/dataSets/" + t.dataSetId);
        client.get(Tutorials.FLOWS + "/sourceConnections/" + t.sourceConnectionId);
        client.get(Tutorials.FLOWS + "/targetConnections/" + t.targetConnectionId);
        client.get(Tutorials.FLOWS + "/connections/" + t.datasetBaseConnectionId);
        client.get(Tutorials.FLOWS + "/flowSpecs/" + Tutorials.CRM_TO_AEP);
        client.get(Tutorials.FLOWS + "/connectionSpecs/" + Tutorials.SALESFORCE_SPEC);
        client.get(Tutorials.FLOWS + "/flowSpecs");
        client.get(Tutorials.FLOWS + "/connectionSpecs");
        JsonNode runs = client.get(Tutorials.FLOWS + "/runs?property=flowId==" + t.flowId).json();
        client.get(Tutorials.FLOWS + "/runs/" + runs.at("/items/0/id").asText());
        client.get(Tutorials.CONVERSION + "/mappingSets/" + t.mappingId);
        client.get(Tutorials.CONVERSION + "/mappingSets/" + t.mappingId + "/mappings");
    }

    /** Every paged list followed to its end, one item a page. */
    private void pages() {
        for (String collection : List.of("connections", "sourceConnections", "targetConnections", "flows", "runs")) {
            String next = "/" + collection + "?limit=1";
            while (next != null) {
                JsonNode href = client.get(Tutorials.FLOWS + next).json().at("/_links/next/href");
                next = href.isMissingNode() ? null : href.asText();
            }
            client.get(Tutorials.FLOWS + "/" + collection + "?count=true");
        }
        String query = "?limit=1";
        while (query != null) {
            JsonNode next = client.get(Tutorials.REGISTRY + "/tenant/schemas" + query, AepClient.XED_ID).json().at("/_page/next");
            query = next.isNull() || next.isMissingNode() ? null : "?limit=1&start=" + AepClient.enc(next.asText());
        }
        for (int start = 0; start < 3; start++) {
            client.get(Tutorials.CATALOG + "/dataSets?limit=1&start=" + start);
            client.get(Tutorials.CONVERSION + "/mappingSets?limit=1&start=" + start);
        }
        client.get(Tutorials.CONVERSION + "/mappingSets?limit=1");
    }

    /** What a rollback deletes once the flow is gone, and the mapping set re-submitted with PUT. */
    private void rollback(Tutorials t) {
        client.put(Tutorials.CONVERSION + "/mappingSets/" + t.mappingId, t.legacyMappingBody(t.targetSchemaId));
        client.delete(Tutorials.FLOWS + "/sourceConnections/" + t.sourceConnectionId);
        client.delete(Tutorials.FLOWS + "/targetConnections/" + t.targetConnectionId);
        client.delete(Tutorials.CATALOG + "/dataSets/" + t.dataSetId);
        client.delete(Tutorials.REGISTRY + "/tenant/schemas/" + AepClient.enc(t.targetSchemaId));
        client.delete(Tutorials.REGISTRY + "/tenant/schemas/" + AepClient.enc(t.adhocSchemaId));
        client.delete(Tutorials.REGISTRY + "/tenant/classes/" + AepClient.enc(t.adhocClassId));
    }

    /** Refusals in each service's error format, and the 404 of a deleted flow. */
    private void errorProbes(Tutorials payments) {
        String flow = Tutorials.FLOWS + "/flows/" + payments.flowId;
        client.delete(flow);
        client.get(flow);
        client.delete(flow);
        rollback(payments);
        client.patch(Tutorials.FLOWS + "/flows/" + payments.flowId, "[]", "\"stale\"");
        client.get(Tutorials.FLOWS + "/connections?count=true&limit=2");
        client.get(Tutorials.FLOWS + "/connections?continuationToken=garbage");
        client.post(Tutorials.FLOWS + "/sourceConnections", "{}");
        client.get(Tutorials.FLOWS + "/connections/" + Tutorials.SALESFORCE_CONNECTION + "/explore");
        client.with("x-sandbox-name", null).get(Tutorials.FLOWS + "/flows");
        client.with("Authorization", null).get(Tutorials.FLOWS + "/flows");
        client.with("x-api-key", "unknown").get(Tutorials.CATALOG + "/dataSets");
        client.get(Tutorials.REGISTRY + "/tenant/schemas", "application/json");
        client.get(Tutorials.REGISTRY + "/tenant/schemas/" + AepClient.enc(payments.targetSchemaId), "application/vnd.adobe.xed+json");
        client.get(Tutorials.REGISTRY + "/tenant/schemas/unknown", AepClient.XED_FULL);
        client.post(Tutorials.REGISTRY + "/tenant/schemas", "{}");
        client.get(Tutorials.CATALOG + "/dataSets/unknown");
        client.post(Tutorials.CATALOG + "/dataSets?requestDataSource=maybe", "{\"name\":\"x\"}");
        client.get(Tutorials.CONVERSION + "/mappingSets/unknown");
        client.get(Tutorials.CONVERSION + "/mappingSets?start=0");
        client.post(Tutorials.CONVERSION + "/mappingSets", "{}");
    }
}
