package io.github.aeponboarding.onboarding;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AEP resources one onboarding creates, in the tutorials' order. Each has the exchange header
 * that carries its id between steps and the key it has in the result's {@code ids} object.
 */
public enum Step {
    ADHOC_CLASS("adhoc-class", "adhocClass", "/data/foundation/schemaregistry/tenant/classes"),
    ADHOC_SCHEMA("adhoc-schema", "adhocSchema", "/data/foundation/schemaregistry/tenant/schemas"),
    SOURCE_CONNECTION("source-connection", "sourceConnection", "/data/foundation/flowservice/sourceConnections"),
    TARGET_SCHEMA("target-schema", "targetSchema", "/data/foundation/schemaregistry/tenant/schemas"),
    DATASET("dataset", "dataset", "/data/foundation/catalog/dataSets"),
    DATASET_BASE_CONNECTION("dataset-base-connection", "datasetBaseConnection", "/data/foundation/flowservice/connections"),
    TARGET_CONNECTION("target-connection", "targetConnection", "/data/foundation/flowservice/targetConnections"),
    MAPPING_SET("mapping-set", "mappingSet", "/data/foundation/conversion/mappingSets"),
    FLOW_SPEC("flow-spec", "flowSpec", "/data/foundation/flowservice/flowSpecs"),
    FLOW("flow", "flow", "/data/foundation/flowservice/flows");

    /** Prefix of every id header; the HTTP header filter drops these from outgoing requests. */
    public static final String HEADER_PREFIX = "AepId";

    private final String routeName;
    private final String key;
    private final String path;

    Step(String routeName, String key, String path) {
        this.routeName = routeName;
        this.key = key;
        this.path = path;
    }

    /** The collection the resource is created in (POST) and, with its id appended, read and deleted. */
    public String path() {
        return path;
    }

    /** Kebab-case name used in route ids ({@code aep-dataset}) and in failure documents. */
    public String routeName() {
        return routeName;
    }

    /** Key in the result's {@code ids} object and in the ledger. */
    public String key() {
        return key;
    }

    /** Exchange header that carries the id, e.g. {@code AepIdDataset}. */
    public String header() {
        return HEADER_PREFIX + Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    /** The steps whose ids this step's request body carries: it can only be written after their answers. */
    public List<Step> inputs() {
        return switch (this) {
            case ADHOC_SCHEMA -> List.of(ADHOC_CLASS);
            case SOURCE_CONNECTION -> List.of(ADHOC_SCHEMA);
            case DATASET, MAPPING_SET -> List.of(TARGET_SCHEMA);
            case TARGET_CONNECTION -> List.of(DATASET, DATASET_BASE_CONNECTION);
            case FLOW -> List.of(SOURCE_CONNECTION, TARGET_CONNECTION, MAPPING_SET, FLOW_SPEC);
            default -> List.of();
        };
    }

    /** The steps that carry this step's id ({@link #inputs} the other way round). */
    public List<Step> dependents() {
        return DEPENDENTS.get(this);
    }

    private static final Map<Step, List<Step>> DEPENDENTS = new EnumMap<>(Step.class);

    static {
        for (Step s : values()) {
            DEPENDENTS.put(s, Arrays.stream(values()).filter(d -> d.inputs().contains(s)).toList());
        }
    }

    public static Optional<Step> fromKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    public static Optional<Step> fromRouteName(String name) {
        return Arrays.stream(values()).filter(s -> s.routeName.equals(name)).findFirst();
    }
}
