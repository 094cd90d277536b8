package io.github.aeponboarding.emulator;

import com.atlassian.oai.validator.report.ValidationReport;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The spec errors the response check tolerates, each matched on operation, validator key and message
 * text, and each backed by the spec's own examples or Adobe's guides (docs/emulator-conformance.md).
 * An {@code allOf} failure (Schema Registry's resources are allOfs) is tolerated only when every one of
 * its nested failures is.
 */
final class ResponseRelaxations {
    record Relaxation(Pattern operation, String key, String contains, String why) {
        boolean covers(String op, ValidationReport.Message message) {
            return operation.matcher(op).matches() && message.getKey().equals(key)
                    && (contains == null || message.getMessage().contains(contains));
        }
    }

    private static final String TYPE = "validation.response.body.schema.type";
    private static final String FLOWS = "[A-Z]+ /data/foundation/flowservice";
    private static final String CONVERSION = "[A-Z]+ /data/foundation/conversion";

    static final List<Relaxation> ALL = List.of(
            new Relaxation(Pattern.compile("GET /data/foundation/schemaregistry/\\{CONTAINER_ID}/[a-z]+"), TYPE, "Instance type (null)",
                    "listResponseBasic types _page.next and _links.next as strings, while their own descriptions say they "
                            + "contain null on the last page, as the spec's and the registry guides' examples show"),
            new Relaxation(Pattern.compile("GET /data/foundation/schemaregistry/\\{CONTAINER_ID}/[a-z]+"), TYPE,
                    "/results'] Instance type (array)", "listClassesResponse and its siblings give results an items "
                            + "schema without type: array, so the converted schema reads it as an object; the spec's "
                            + "own examples and listResponseBasic make it an array"),
            new Relaxation(Pattern.compile(CONVERSION + "/mappingSets.*"), TYPE, "Date'] Instance type (integer)",
                    "createdDate/modifiedDate are date-time strings in the models but epoch milliseconds in the spec's own "
                            + "examples (SimpleRepresentation, the mapping set list) and in the Data Prep mapping set guide"),
            new Relaxation(Pattern.compile("GET /data/foundation/conversion/mappingSets/\\{MAPPING_SET_ID}/mappings"), TYPE,
                    "Instance type (array)", "the spec declares one MappingOperation; the Data Prep mapping set guide "
                            + "(\"List mappings for a mapping set\") returns the array of mappings"),
            new Relaxation(Pattern.compile("GET /data/foundation/flowservice/flowSpecs.*"), TYPE, "/transformationSpecs'] Instance type (array)",
                    "transformationSpecs is an object in the spec, an array (Copy, Mapping) in every flowSpec the tutorials "
                            + "print, which is what the bundle reads"),
            new Relaxation(Pattern.compile("GET /data/foundation/flowservice/connectionSpecs.*"), TYPE,
                    "/uiAttributes/category'] Instance type (object)", "uiAttributes.category is a string in the model "
                            + "but {\"key\": ...} in the spec's own connectionSpec examples"),
            new Relaxation(Pattern.compile(FLOWS + "/flows.*"), TYPE, "/scheduleParams/interval'] Instance type (integer)",
                    "ScheduleSpecDTO.interval is a string in the spec but an integer in the flowSpec's scheduleSpec, which "
                            + "Flow Service validates scheduleParams against (request relaxation 5)"),
            new Relaxation(Pattern.compile("GET /data/foundation/flowservice/connections/\\{BASE_CONNECTION_ID}/explore"), TYPE,
                    "Instance type (object) does not match any allowed primitive type (allowed: [\"array\"])",
                    "ExploreConnectionResponse declares only the root listing (an array); objectType=table answers "
                            + "{format, schema.columns[], data[]?} in the explore tutorials"));

    private ResponseRelaxations() {
    }

    static boolean covers(String operation, ValidationReport.Message message) {
        if (ALL.stream().anyMatch(r -> r.covers(operation, message))) return true;
        List<ValidationReport.Message> nested = message.getNestedMessages();
        return message.getKey().endsWith(".allOf") && !nested.isEmpty()
                && nested.stream().allMatch(m -> m.getLevel() != ValidationReport.Level.ERROR || covers(operation, m));
    }
}
