package io.github.aeponboarding.request;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a source connection names, and so which {@code source} fields a request for it has. The
 * content-based router has one route per shape ({@link #route()}).
 */
public enum SourceShape {
    /** A table with columns: {@code params.tableName} (+ {@code params.columns}); Salesforce, Dynamics, Veeva, Square. */
    TABLE("table", "table-source", "tabular", List.of("table"), "a table (source.table)"),
    /** A table named by its path: {@code params.path}; PayPal, as in the 2020 payments tutorial. */
    TABLE_PATH("table-path", "table-path-source", "tabular", List.of("table"), "a table path (source.table)"),
    /** A REST resource: {@code params.resourcePath}; Stripe. */
    JSON_RESOURCE("json-resource", "json-resource-source", "json", List.of("resourcePath"), "a resource path (source.resourcePath)"),
    /** An object type and its path: {@code params.object_type} + {@code params.path}; SugarCRM. */
    JSON_OBJECT("json-object", "json-object-source", "json", List.of("objectType", "path"), "an object type and path (source.objectType, source.path)");

    /** Every field of {@code source} that names what is read; each shape takes some of them. */
    public static final List<String> NAMING_FIELDS = List.of("table", "resourcePath", "objectType", "path");

    private final String key;
    private final String route;
    private final String dataFormat;
    private final List<String> fields;
    private final String takes;

    SourceShape(String key, String route, String dataFormat, List<String> fields, String takes) {
        this.key = key;
        this.route = route;
        this.dataFormat = dataFormat;
        this.fields = fields;
        this.takes = takes;
    }

    public static Optional<SourceShape> of(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    public String key() {
        return key;
    }

    /** The onboarding route of this shape, e.g. {@code table-source} (route aep-table-source). */
    public String route() {
        return route;
    }

    /** {@code data.format} of the source connection in the current recipe (the tutorial recipe sends parquet_xdm). */
    public String dataFormat() {
        return dataFormat;
    }

    /** The {@code source} fields that name what is read; all required. */
    public List<String> fields() {
        return fields;
    }

    /** For messages: "a table (source.table)". */
    public String takes() {
        return takes;
    }

    /** Tables list their columns through the explore API; JSON resources are not explored. */
    public boolean isTable() {
        return this == TABLE || this == TABLE_PATH;
    }
}
