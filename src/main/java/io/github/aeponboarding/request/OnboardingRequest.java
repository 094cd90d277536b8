package io.github.aeponboarding.request;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One onboarding request: everything the two tutorials ask a user to type, in one document.
 * The JSON Schema in {@code schema/onboarding-request.schema.json} is the authority on its shape;
 * these records only carry a request that already passed it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record OnboardingRequest(
        String id,
        String kind,
        String recipe,
        String sandbox,
        Source source,
        String adhocSchemaId,
        Target target,
        List<Mapping> mapping,
        Copy copy,
        Schedule schedule) {

    public boolean isCrm() {
        return "crm".equals(kind);
    }

    /**
     * {@code current} (as Adobe documents it now: no ad hoc class and schema, no dataset base connection)
     * or {@code tutorial} (the 2020 tutorials' chain), which is the default: requests written before the
     * field existed keep onboarding, and resuming, exactly as they did.
     */
    public String recipeOrDefault() {
        return recipe == null ? SourceRules.TUTORIAL : recipe;
    }

    /** The same request with a (defaulted) sandbox. */
    public OnboardingRequest withSandbox(String sandbox) {
        return new OnboardingRequest(id, kind, recipe, sandbox, source, adhocSchemaId, target, mapping, copy, schedule);
    }

    /** The same request with its kind (derived from the source catalogue when the request leaves it out). */
    public OnboardingRequest withKind(String kind) {
        return new OnboardingRequest(id, kind, recipe, sandbox, source, adhocSchemaId, target, mapping, copy, schedule);
    }

    /** The same request with columns discovered through the explore API. */
    public OnboardingRequest withColumns(List<Column> columns) {
        Source s = new Source(source.baseConnectionId(), source.connectionSpecId(), source.table(), columns,
                source.resourcePath(), source.objectType(), source.path());
        return new OnboardingRequest(id, kind, recipe, sandbox, s, adhocSchemaId, target, mapping, copy, schedule);
    }

    /** What is read: a table ({@code table}, {@code columns}), a resource path, or an object type and path (see {@link SourceShape}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String baseConnectionId, String connectionSpecId, String table, List<Column> columns,
                         String resourcePath, String objectType, String path) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Column(String name, String type) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(TargetSchema schema, String schemaId, Dataset dataset, String datasetId) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetSchema(String title, @JsonProperty("class") String xdmClass, List<String> fieldGroups) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dataset(String name) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mapping(String source, String destination) {}

    /** Copy transformation: {@code mode: append} (CRM tutorial) or an incremental delta column (payments tutorial). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Copy(String mode, DeltaColumn deltaColumn) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeltaColumn(String name, String dateFormat, String timezone) {}

    /** Flow schedule; {@code startTime} is epoch seconds, as the flowSpec's scheduleSpec says. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Schedule(Long startTime, String frequency, Integer interval, Boolean backfill) {}
}
