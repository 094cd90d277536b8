package io.github.aeponboarding.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.github.aeponboarding.request.OnboardingRequest.Column;
import io.github.aeponboarding.request.OnboardingRequest.Mapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checks a JSON Schema cannot express: cross-references between fields (mapping sources and the
 * delta column must be declared columns), repetitions the tutorials made (B.5.8), and the schedule
 * against the flowSpec's own scheduleSpec fetched at run time. Every method tolerates a partly
 * filled request (null sections, null list items) so it can run next to schema validation and
 * report everything at once. Thread-safe (its only state is the last compiled scheduleSpec); the
 * routes call it again once columns are
 * discovered through the explore API.
 */
public final class RequestRules {
    private static final int MAX_COLUMNS_SHOWN = 10;

    private final ObjectMapper mapper = new ObjectMapper();
    private final SourceRules sources = new SourceRules(SourceCatalogue.standard());
    private final JsonSchemaFactory draft7 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    /** Every check that needs only the request. */
    public List<Problem> check(OnboardingRequest request) {
        List<Problem> problems = new ArrayList<>(checkId(request.id()));
        problems.addAll(checkName("$.sandbox", request.sandbox()));
        problems.addAll(checkTimezone(request));
        problems.addAll(checkColumns(request));
        problems.addAll(checkFieldGroups(request));
        problems.addAll(checkMappingDestinations(request));
        problems.addAll(sources.check(request));
        return problems;
    }

    /** The pattern already forbids these characters; this names the actual danger. */
    public List<Problem> checkId(String id) {
        if (id != null && (id.contains("/") || id.contains("\\") || id.contains(".."))) {
            return List.of(new Problem("$.id",
                    "must not look like a path ('/', '\\' or '..'): it names AEP resources; use lower-case letters, digits and '-'"));
        }
        return checkName("$.id", id);
    }

    /**
     * The whole value, exactly: a schema pattern's {@code $} also matches before a final line break, and
     * an id {@code "abc\n"} would name a second set of AEP resources.
     */
    private static List<Problem> checkName(String path, String value) {
        if (value != null && !value.isEmpty() && !value.matches("[a-z0-9-]+")) {
            return List.of(new Problem(path, "must contain only lower-case letters, digits and '-'"
                    + (value.matches("[a-z0-9-]+\\R+") ? " (it ends with a line break)" : "")));
        }
        return List.of();
    }

    /** The delta column's time zone: an IANA name (or UTC) that the Platform can resolve. */
    private static List<Problem> checkTimezone(OnboardingRequest request) {
        String zone = request.copy() == null || request.copy().deltaColumn() == null ? null : request.copy().deltaColumn().timezone();
        if (zone != null && !zone.isEmpty() && !java.time.ZoneId.getAvailableZoneIds().contains(zone)) {
            return List.of(new Problem("$.copy.deltaColumn.timezone",
                    "must be an IANA time zone such as UTC or Europe/Paris (got \"" + zone + "\")"));
        }
        return List.of();
    }

    /**
     * Column names unique; every mapping source and the delta column among them. Nothing to check while
     * columns are unknown: they are discovered later, and this runs again then.
     */
    public List<Problem> checkColumns(OnboardingRequest request) {
        List<Column> columns = request.source() == null ? null : request.source().columns();
        if (columns == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>(repeats(columns, Column::name, i -> "$.source.columns[" + i + "].name", "column"));
        List<String> names = columns.stream().filter(Objects::nonNull).map(Column::name).filter(Objects::nonNull).toList();
        List<Mapping> mapping = request.mapping() == null ? List.of() : request.mapping();
        for (int i = 0; i < mapping.size(); i++) {
            Mapping m = mapping.get(i);
            if (m != null && m.source() != null && !names.contains(m.source())) {
                problems.add(new Problem("$.mapping[" + i + "].source", notAColumn(m.source(), names)));
            }
        }
        if (request.copy() != null && request.copy().deltaColumn() != null) {
            String delta = request.copy().deltaColumn().name();
            if (delta != null && !names.contains(delta)) {
                problems.add(new Problem("$.copy.deltaColumn.name", notAColumn(delta, names)));
            }
        }
        return problems;
    }

    /** The payments tutorial lists profile-personal-details twice (B.5.8); the Schema Registry rejects that. */
    public List<Problem> checkFieldGroups(OnboardingRequest request) {
        if (request.target() == null || request.target().schema() == null || request.target().schema().fieldGroups() == null) {
            return List.of();
        }
        return repeats(request.target().schema().fieldGroups(), Function.identity(),
                i -> "$.target.schema.fieldGroups[" + i + "]", "field group");
    }

    /** Two columns mapped to one XDM field: one would silently overwrite the other. */
    public List<Problem> checkMappingDestinations(OnboardingRequest request) {
        if (request.mapping() == null) {
            return List.of();
        }
        return repeats(request.mapping(), Mapping::destination, i -> "$.mapping[" + i + "].destination", "destination");
    }

    /**
     * Checks a schedule against a flowSpec's {@code scheduleSpec} (or directly its {@code spec}), the
     * JSON Schema Flow Service itself applies, so a flowSpec change is caught before {@code POST /flows}.
     * Field paths start with {@code $.schedule}. A spec without a schema gives no problems: nothing to check.
     */
    public List<Problem> checkSchedule(OnboardingRequest.Schedule schedule, JsonNode scheduleSpec) {
        JsonNode spec = scheduleSpec != null && scheduleSpec.path("spec").isObject() ? scheduleSpec.get("spec") : scheduleSpec;
        if (spec == null || !spec.isObject()) {
            return List.of();
        }
        if (schedule == null) {
            return List.of(new Problem("$.schedule", "is required"));
        }
        String external = externalRef(spec);
        if (external != null) {
            return List.of(new Problem("$.schedule", "cannot be checked: the flowSpec's scheduleSpec refers to " + external + ", which is not fetched"));
        }
        Compiled compiled = lastSchedule;
        if (compiled == null || compiled.spec != spec) {
            // flowSpecs declare draft-07; dropping $schema keeps networknt from resolving a meta-schema over the network
            ObjectNode local = spec.deepCopy();
            local.remove("$schema");
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).build();
            compiled = new Compiled(spec, local, draft7.getSchema(local, config));
            lastSchedule = compiled;
        }
        return new SchemaMessages(compiled.local).translate(compiled.validator.validate(mapper.valueToTree(schedule)), "$.schedule");
    }

    /**
     * The last scheduleSpec compiled, keyed by identity: every onboarding of a sandbox passes the same
     * cached flowSpec, and compiling its schema cost more than the rest of the checks together.
     */
    private volatile Compiled lastSchedule;

    private record Compiled(JsonNode spec, ObjectNode local, JsonSchema validator) {
    }

    private static String externalRef(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref != null && !ref.asText().startsWith("#")) {
            return ref.asText();
        }
        for (JsonNode child : node) {
            String found = child.isContainerNode() ? externalRef(child) : null;
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static <T> List<Problem> repeats(List<T> items, Function<T, String> key, Function<Integer, String> field, String what) {
        Map<String, Integer> first = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String k = items.get(i) == null ? null : key.apply(items.get(i));
            if (k == null) {
                continue;
            }
            Integer earlier = first.putIfAbsent(k, i);
            if (earlier != null) {
                problems.add(new Problem(field.apply(i), "repeats " + what + " \"" + k + "\" (first at " + field.apply(earlier) + ")"));
            }
        }
        return problems;
    }

    private static String notAColumn(String name, List<String> columns) {
        String hint = columns.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst()
                .map(c -> "; did you mean \"" + c + "\"?").orElse("");
        String shown = columns.stream().limit(MAX_COLUMNS_SHOWN).collect(Collectors.joining(", "))
                + (columns.size() > MAX_COLUMNS_SHOWN ? ", ..." : "");
        return "\"" + name + "\" is not among the source columns (" + shown + ")" + hint;
    }
}
