package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks journaled requests against Adobe's OpenAPI specs in {@code ../shared/aep-openapi} with the
 * Atlassian swagger-request-validator. The few spec rules the tutorials' first-generation payloads
 * break are relaxed one by one in {@link #RELAXATIONS}; docs/emulator-conformance.md explains each.
 */
final class SpecConformance {
    static final Path SPECS = Path.of("../shared/aep-openapi");

    /** One tolerated message: where (method, path pattern), which validator key and what text, and why. */
    record Relaxation(String method, Pattern path, String key, String contains, String why) {
        boolean covers(String requestMethod, String requestPath, ValidationReport.Message message) {
            return (method == null || method.equals(requestMethod)) && path.matcher(requestPath).matches()
                    && message.getKey().equals(key) && (contains == null || message.getMessage().contains(contains));
        }
    }

    static final List<Relaxation> RELAXATIONS = List.of(
            new Relaxation(null, Pattern.compile(".*"), "validation.request.body.schema.additionalProperties", null,
                    "the validator treats undeclared properties as errors by default, but no Adobe request model sets "
                            + "additionalProperties: false (OpenAPI's default allows them) and the models are thin: "
                            + "data.schema, params.tableName/columns, the XDM allOf $ref (spelled \"$ref \" in the spec), "
                            + "the legacy mapping fields and the Copy params are all undeclared"),
            new Relaxation("GET", Pattern.compile("/data/foundation/schemaregistry/.*"), "validation.request.accept.notAllowed", null,
                    "Schema Registry's operations declare produces: application/json while their own Accept parameter "
                            + "documents the application/vnd.adobe.xed*+json values the registry requires"),
            new Relaxation("GET", Pattern.compile("/data/foundation/flowservice/connections/[^/]+/explore"),
                    "validation.request.parameter.schema.enum", "not found in enum",
                    "the spec's objectType enum is upper case (ROOT, TABLE); the explore tutorials and the connection "
                            + "specs' exploreSpec use lower case (root, table)"),
            new Relaxation("POST", Pattern.compile("/data/foundation/catalog/dataSets"),
                    "validation.request.parameter.query.unexpected", "requestDataSource",
                    "every tutorial sends requestDataSource=true; the current Catalog spec no longer declares it"),
            new Relaxation(null, Pattern.compile("/data/foundation/flowservice/flows(/.*)?"),
                    "validation.request.body.schema.type", "/scheduleParams/interval",
                    "ScheduleSpecDTO.interval is a string in the spec but an integer in the flowSpec JSON schema "
                            + "that Flow Service validates scheduleParams against"),
            new Relaxation(null, Pattern.compile("/data/foundation/conversion/mappingSets(/[^/]+)?"),
                    "validation.request.body.schema.type", "/id'",
                    "the tutorials' legacy mapping set sends \"id\": null; the spec types id as a string"),
            new Relaxation("GET", Pattern.compile("/data/foundation/conversion/mappingSets"),
                    "validation.request.parameter.query.missing", "'start'",
                    "the spec marks start required but gives it the default 0, which the service applies: aepp's "
                            + "getMappingSets sends limit alone"));

    private static final List<Relaxation> FLOW_SERVICE_RELAXATIONS = List.of(
            new Relaxation("GET", Pattern.compile("/data/foundation/flowservice/.*"),
                    "validation.request.parameter.collection.invalidFormat", "'property'",
                    "the spec declares property as one comma-separated array (form, explode=false), but in Flow Service "
                            + "a comma means OR and AND needs the parameter repeated, as sort-and-filter.md documents"),
            new Relaxation("PATCH", Pattern.compile("/data/foundation/flowservice/.*"), "validation.request.body.schema.enum", "/op'",
                    "PatchInstruction.op is upper case in the spec (REPLACE) while the update guides send RFC 6902 "
                            + "lower case (replace); Flow Service accepts both"),
            new Relaxation("PATCH", Pattern.compile("/data/foundation/flowservice/.*"), "validation.request.body.schema.type", "/value'",
                    "PatchInstruction.value is typed object, which would forbid patching a scalar such as "
                            + "/scheduleParams/interval, the documented use"),
            new Relaxation("POST", Pattern.compile("/data/foundation/flowservice/flows/[^/]+/action"),
                    "validation.request.parameter.query.missing", "subOp",
                    "the spec marks subOp required on every action although ENABLE/DISABLE take none (aep-api.md B.4 step 10)"));

    /** All relaxations, as docs/emulator-conformance.md lists them. */
    static List<Relaxation> all() {
        List<Relaxation> all = new ArrayList<>(RELAXATIONS);
        all.addAll(FLOW_SERVICE_RELAXATIONS);
        return all;
    }

    private final Map<String, OpenApiInteractionValidator> validators = new LinkedHashMap<>();

    SpecConformance() {
        SPEC_FILES.forEach((basePath, file) -> validators.put(basePath, validator(file, basePath)));
    }

    static boolean specsAvailable() {
        return Files.isRegularFile(SPECS.resolve("flow-service.yaml"));
    }

    static String skipMessage() {
        return "Adobe's OpenAPI specs are not at " + SPECS.toAbsolutePath().normalize()
                + " (the shared folder next to the project): spec conformance not checked";
    }

    /**
     * Parsed with swagger-parser directly (Swagger 2 is converted to OAS 3): the validator's own loader
     * refuses a whole spec for any parse message, and catalog.yaml declares one parameter twice on
     * {@code GET /tags/{tagNamespace}}, an operation the emulator does not serve.
     */
    private static OpenApiInteractionValidator validator(String file, String basePath) {
        return OpenApiInteractionValidator.createFor(parse(file)).withBasePathOverride(basePath).build();
    }

    static OpenAPI parse(String file) {
        try {
            String spec = Files.readString(SPECS.resolve(file));
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult parsed = new OpenAPIParser().readContents(spec, null, options);
            if (parsed.getOpenAPI() == null) throw new IllegalStateException(file + ": " + parsed.getMessages());
            return parsed.getOpenAPI();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each service's base path and the spec file that describes it. */
    static final Map<String, String> SPEC_FILES = Map.of(
            "/data/foundation/flowservice", "flow-service.yaml",
            "/data/foundation/schemaregistry", "schema-registry.yaml",
            "/data/foundation/catalog", "catalog.yaml",
            "/data/foundation/conversion", "data-prep.yaml");

    /**
     * The journal the surefire run wrote, for the failsafe checks: skipped (assumption) without the specs
     * or outside failsafe, where the pom does not name it and nothing reliable is there to read.
     */
    static List<JsonNode> suiteJournal() {
        assumeTrue(specsAvailable(), SpecConformance::skipMessage);
        String configured = System.getProperty("aep.emulator.journal.check");
        assumeTrue(configured != null, "not run by failsafe after the surefire tests: no journal to check");
        Path journal = Path.of(configured);
        assertThat(journal).as("the surefire run writes the journal (aep.emulator.journal in the pom)").exists();
        List<JsonNode> entries = readJournal(journal);
        assertThat(entries).as("journaled requests in " + journal).isNotEmpty();
        return entries;
    }

    static List<JsonNode> readJournal(Path file) {
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) lines.add(AepClient.json(line));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The unrelaxed problems of one journaled request, each prefixed with the request; empty when valid
     * or refused (the journal also holds refused requests, for the response check).
     */
    List<String> problems(JsonNode entry) {
        if (entry.get("status").asInt() >= 400) return List.of();
        String method = entry.get("method").asText();
        String path = entry.get("path").asText();
        OpenApiInteractionValidator validator = null;
        for (Map.Entry<String, OpenApiInteractionValidator> candidate : validators.entrySet()) {
            if (path.startsWith(candidate.getKey() + "/")) validator = candidate.getValue();
        }
        if (validator == null) return List.of(method + " " + path + ": no spec covers this path");
        ValidationReport report = validator.validateRequest(request(entry));
        List<String> problems = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() != ValidationReport.Level.ERROR) continue;
            if (all().stream().anyMatch(r -> r.covers(method, path, message))) continue;
            problems.add(method + " " + path + (entry.path("query").isNull() ? "" : "?" + entry.get("query").asText())
                    + ": [" + message.getKey() + "] " + message.getMessage());
        }
        return problems;
    }

    private static Request request(JsonNode entry) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(entry.get("method").asText(), entry.get("path").asText());
        entry.get("headers").fields().forEachRemaining(h -> builder.withHeader(h.getKey(), h.getValue().asText()));
        if (entry.hasNonNull("query")) {
            ApiRequest.parseQuery(entry.get("query").asText()).forEach(builder::withQueryParam);
        }
        if (entry.hasNonNull("body")) builder.withBody(entry.get("body").asText());
        return builder.build();
    }
}
