package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.request.OnboardingRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Iterator;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Looks a resource up by the deterministic name the bundle gave it, before a write whose earlier
 * attempt may have been committed is made again. Each AEP service filters and pages its own way;
 * the lookups below use each one's documented filter (aep-api.md, "Suggested natural keys").
 * A found resource is adopted only if it fits the request ({@link ResourceFit}). Only the fault path,
 * and requests that AEP may know although the store does not ({@link LookupPlan}), pay for these calls.
 */
public class ResourceFinder {
    private static final String SCHEMAS = "/data/foundation/schemaregistry/tenant/";
    private static final String FLOWS = "/data/foundation/flowservice/";

    private final ProducerTemplate producer;
    private final ObjectMapper mapper = new ObjectMapper();

    public ResourceFinder(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Sets the step's id header and {@link Onboarding#FOUND} when the resource exists. */
    public void find(Exchange ex) throws Exception {
        Step step = StepMemory.step(ex);
        OnboardingRequest r = AepPayloads.request(ex);
        String name = ResourceNames.of(step, r);
        Lookup lookup = lookup(step, name);
        Exchange get = new DefaultExchange(ex.getContext());
        get.setProperty(ExchangeContract.SANDBOX, ex.getProperty(ExchangeContract.SANDBOX));
        get.setVariable(ExchangeContract.PATH, lookup.path);
        get.setVariable(ExchangeContract.METHOD, "GET");
        get.setVariable(ExchangeContract.QUERY, lookup.query);
        get.setVariable(ExchangeContract.ACCEPT, lookup.accept);
        Exchange done = producer.send("direct:aep-http", get);
        if (done.getException() != null) {
            throw done.getException();
        }
        // only a lookup that answered clears the flag: one that failed (a 429 too) is made again on the retry
        ex.removeProperty(ExchangeContract.RECHECK);
        JsonNode item = lookup.extract(mapper.readTree(done.getVariable(ExchangeContract.RESPONSE, String.class)));
        if (item != null) {
            String id = item.path("id").asText();
            ResourceFit.check(step, name, id, mapper.readTree(ex.getMessage().getBody(String.class)), item.path("resource"));
            ex.getMessage().setHeader(step.header(), id);
            ex.setProperty(ExchangeContract.FOUND, true);
        }
    }

    private static Lookup lookup(Step step, String name) {
        String q = enc(name);
        return switch (step) {
            case ADHOC_CLASS -> schemaRegistry("classes", q);
            case ADHOC_SCHEMA, TARGET_SCHEMA -> schemaRegistry("schemas", q);
            case SOURCE_CONNECTION -> flowService("sourceConnections", "property=name==" + q);
            case TARGET_CONNECTION -> flowService("targetConnections", "property=name==" + q);
            case DATASET_BASE_CONNECTION -> flowService("connections",
                    "property=name==" + q + "&property=connectionSpec.id==" + AepPayloads.DATA_LAKE_SPEC);
            case FLOW -> flowService("flows", "property=name==" + q);
            case DATASET -> new Lookup("/data/foundation/catalog/dataSets", "name=" + q + "&properties=name,schemaRef", "application/json",
                    ResourceFinder::firstDataset);
            case MAPPING_SET -> new Lookup("/data/foundation/conversion/mappingSets", "limit=10&start=0&name=" + q, "application/json",
                    json -> found(json.path("data").path(0), "id"));
            case FLOW_SPEC -> throw new IllegalArgumentException("the flowSpec is only ever read");
        };
    }

    private static Lookup schemaRegistry(String kind, String title) {
        return new Lookup(SCHEMAS + kind, "property=title==" + title, "application/vnd.adobe.xed-id+json",
                json -> found(json.path("results").path(0), "$id"));
    }

    private static Lookup flowService(String kind, String query) {
        return new Lookup(FLOWS + kind, query, "application/json", json -> found(json.path("items").path(0), "id"));
    }

    /** Catalog answers an object keyed by dataset id. */
    private static JsonNode firstDataset(JsonNode json) {
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        if (!fields.hasNext()) {
            return null;
        }
        Map.Entry<String, JsonNode> first = fields.next();
        return JsonNodeFactory.instance.objectNode().put("id", first.getKey()).set("resource", first.getValue());
    }

    /** {"id": ..., "resource": the item as listed}, or null when nothing was listed. */
    private static JsonNode found(JsonNode item, String idField) {
        JsonNode id = item.path(idField);
        if (id.isMissingNode() || id.isNull()) {
            return null;
        }
        return JsonNodeFactory.instance.objectNode().put("id", id.asText()).set("resource", item);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Lookup(String path, String query, String accept, java.util.function.Function<JsonNode, JsonNode> extract) {
        JsonNode extract(JsonNode json) {
            return extract.apply(json);
        }
    }
}
