package io.github.aeponboarding.testsupport;

import static io.github.aeponboarding.testsupport.AepClient.enc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.Map;

/**
 * How many resources of each kind one request left in AEP, found through AEP's own list endpoints and
 * filters by the names the bundle gives (request {@code id} inside every name, see ResourceNames).
 */
public final class AepInventory {
    private static final String SCHEMAS = "/data/foundation/schemaregistry/tenant/";
    private static final String FLOWS = "/data/foundation/flowservice/";

    private AepInventory() {
    }

    /** Resource kind to count, for a request made from one of the examples under a new id. */
    public static Map<String, Integer> of(AepClient aep, String id, String kind) throws Exception {
        String title = kind.equals("crm") ? "Target schema for CRM source connector" : "Target schema for payments source connector";
        String dataset = kind.equals("crm") ? "Target Dataset for CRM data" : "Target Dataset for payments data";
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("adhocClass", schemaRegistry(aep, "classes", id + " ad hoc class"));
        counts.put("adhocSchema", schemaRegistry(aep, "schemas", id + " ad hoc schema"));
        counts.put("targetSchema", schemaRegistry(aep, "schemas", title + " (" + id + ")"));
        counts.put("sourceConnection", flowService(aep, "sourceConnections", id + " source connection"));
        counts.put("dataset", aep.get("/data/foundation/catalog/dataSets?properties=name&name=" + enc(dataset + " (" + id + ")")).size());
        counts.put("targetConnection", flowService(aep, "targetConnections", id + " target connection"));
        counts.put("mappingSet", aep.get("/data/foundation/conversion/mappingSets?limit=100&start=0&name=" + enc(id + "-mapping-set")).path("data").size());
        counts.put("flow", flowService(aep, "flows", id + " dataflow"));
        return counts;
    }

    /** The inventory of requests 1..n (id and kind by number), read with a few parallel clients. */
    public static List<Map<String, Integer>> of(AepClient aep, int n, IntFunction<String> id, IntFunction<String> kind) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Map<String, Integer>>> futures = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                int number = i;
                futures.add(pool.submit(() -> of(aep, id.apply(number), kind.apply(number))));
            }
            List<Map<String, Integer>> out = new ArrayList<>();
            for (Future<Map<String, Integer>> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int schemaRegistry(AepClient aep, String kind, String title) throws Exception {
        JsonNode page = aep.get(SCHEMAS + kind + "?property=title==" + enc(title), "application/vnd.adobe.xed-id+json");
        return page.path("results").size();
    }

    private static int flowService(AepClient aep, String kind, String name) throws Exception {
        return aep.get(FLOWS + kind + "?property=name==" + enc(name)).path("items").size();
    }
}
