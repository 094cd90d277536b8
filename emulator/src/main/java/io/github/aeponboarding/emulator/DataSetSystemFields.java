package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What Catalog adds to every new dataset, as Experience League's dataset examples show it (catalog/api
 * update-object "PATCH v2" and look-up-object): the system tags {@code adobe/pqs/table} (the Query
 * Service table name: the dataset name in lower case with a creation timestamp) and
 * {@code adobe/siphon/table/format}, and {@code classification {dataBehavior, managedBy}}. Clients read
 * them without checking (aepp's catalog.py getDataSets reads {@code tags['adobe/pqs/table']} and
 * {@code classification['dataBehavior']} of every dataset).
 */
final class DataSetSystemFields {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS", Locale.ROOT);

    private DataSetSystemFields() {
    }

    static void add(ObjectNode dataSet, JsonNode schema) {
        ObjectNode tags = dataSet.has("tags") && dataSet.get("tags").isObject() ? (ObjectNode) dataSet.get("tags") : dataSet.putObject("tags");
        if (!tags.has("adobe/pqs/table")) tags.putArray("adobe/pqs/table").add(tableName(dataSet.path("name").asText()));
        if (!tags.has("adobe/siphon/table/format")) tags.putArray("adobe/siphon/table/format").add("delta");
        if (!dataSet.has("classification")) {
            dataSet.putObject("classification").put("dataBehavior", dataBehavior(schema)).put("managedBy", "CUSTOMER");
        }
    }

    private static String tableName(String name) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return (base.isEmpty() ? "dataset" : base) + "_" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    /** The schema's behaviour: {@code time-series}, {@code adhoc}, or {@code record} (also the default). */
    private static String dataBehavior(JsonNode schema) {
        String extendsList = schema == null ? "" : schema.path("meta:extends").toString();
        if (extendsList.contains("/data/time-series\"")) return "time-series";
        if (extendsList.contains("/data/adhoc\"")) return "adhoc";
        return "record";
    }
}
