package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.aep.AepHttp;
import io.github.aeponboarding.aep.AepRetryPolicy;
import io.github.aeponboarding.request.OnboardingRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Looks a resource up by the deterministic name the bundle gave it, before a write whose earlier
 * attempt may have been committed is made again. Each AEP service filters and pages its own way;
 * the lookups below use each one's documented filter (aep-api.md, "Suggested natural keys").
 * Only the fault path pays for these calls: a fresh onboarding never looks anything up.
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
        get.setProperty(AepHttp.SANDBOX, ex.getProperty(AepHttp.SANDBOX));
        get.setVariable(AepHttp.PATH, lookup.path);
        get.setVariable(AepHttp.METHOD, "GET");
        get.setVariable(AepHttp.QUERY, lookup.query);
        get.setVariable(AepHttp.ACCEPT, lookup.accept);
        Exchange done = producer.send("direct:aep-http", get);
        if (done.getException() != null) {
            throw done.getException();
        }
        // only a lookup that answered clears the flag: one that failed (a 429 too) is made again on the retry
        ex.removeProperty(AepRetryPolicy.RECHECK);
        String id = lookup.extract(mapper.readTree(done.getVariable("aepResponse", String.class)));
        if (id != null) {
            ex.getMessage().setHeader(step.header(), id);
            ex.setProperty(Onboarding.FOUND, true);
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
            case DATASET -> new Lookup("/data/foundation/catalog/dataSets", "name=" + q + "&properties=name", "application/json",
                    json -> firstKey(json));
            case MAPPING_SET -> new Lookup("/data/foundation/conversion/mappingSets", "limit=10&start=0&name=" + q, "application/json",
                    json -> text(json.path("data").path(0).path("id")));
            case FLOW_SPEC -> throw new IllegalArgumentException("the flowSpec is only ever read");
        };
    }

    private static Lookup schemaRegistry(String kind, String title) {
        return new Lookup(SCHEMAS + kind, "property=title==" + title, "application/vnd.adobe.xed-id+json",
                json -> text(json.path("results").path(0).path("$id")));
    }

    private static Lookup flowService(String kind, String query) {
        return new Lookup(FLOWS + kind, query, "application/json", json -> text(json.path("items").path(0).path("id")));
    }

    private static String firstKey(JsonNode json) {
        Iterator<String> names = json.fieldNames();
        return names.hasNext() ? names.next() : null;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Lookup(String path, String query, String accept, java.util.function.Function<JsonNode, String> extract) {
        String extract(JsonNode json) {
            return extract.apply(json);
        }
    }
}
