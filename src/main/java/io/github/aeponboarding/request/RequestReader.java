package io.github.aeponboarding.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one onboarding request (JSON or YAML) from untrusted content and either returns it or throws
 * {@link InvalidRequestException} listing every problem with its field. Nothing reaches AEP before this
 * passes. Camel-free and thread-safe: the routes call it as a bean.
 */
public final class RequestReader {
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;
    public static final String SCHEMA_RESOURCE = "schema/onboarding-request.schema.json";

    private final int maxBytes;
    private final DocumentParser parser;
    private final JsonSchema schema;
    private final SchemaMessages messages;
    private final RequestRules rules = new RequestRules();
    private final ObjectMapper strict;
    private final ObjectMapper lenient;

    public RequestReader() {
        this(DEFAULT_MAX_BYTES);
    }

    public RequestReader(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.parser = new DocumentParser(maxBytes);
        JsonNode schemaTree = loadSchema();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaTree,
                SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).errorMessageKeyword("errorMessage").build());
        this.messages = new SchemaMessages(schemaTree);
        this.strict = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, RequestReader::noScalarToText)
                .build();
        this.lenient = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .withCoercionConfig(LogicalType.Textual, RequestReader::noScalarToText)
                .build();
    }

    /** A number where a name belongs is the user's mistake to report, not a string to make up. */
    private static void noScalarToText(MutableCoercionConfig c) {
        c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /** A request and the action its document names (null: none, i.e. onboard). */
    public record Submission(Action action, OnboardingRequest request) {}

    /** @param sourceName file name or other label; its extension (.json, .yaml, .yml) picks the format, else the content does */
    public OnboardingRequest read(byte[] content, String sourceName) {
        return submission(content, sourceName).request();
    }

    /** The request and its {@code action}; the action is no part of the definition, so a changed action never changes its fingerprint. */
    public Submission submission(byte[] content, String sourceName) {
        JsonNode tree = parser.parse(content, sourceName);
        List<Problem> problems = new ArrayList<>(messages.translate(schema.validate(tree), FieldPath.ROOT));
        if (tree.isObject()) {
            List<Problem> semantic = rules.check(partial(tree));
            // a rule's reason is more specific than the schema's for the same field (e.g. a path-like id)
            problems.removeIf(p -> semantic.stream().anyMatch(s -> s.field().equals(p.field())));
            problems.addAll(semantic);
        }
        InvalidRequestException.throwIfAny(problems);
        Action action = Action.of(tree.path("action").asText(null)).orElse(null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove("action");
        try {
            OnboardingRequest request = strict.treeToValue(tree, OnboardingRequest.class);
            // kind follows from the connection spec: the catalogue's, or the request's own for an unlisted spec
            return new Submission(action, request.kind() != null ? request : request.withKind(SourceCatalogue.standard().resolve(request).kind()));
        } catch (InvalidFormatException e) {
            // JSON Schema counts 30.0 as an integer; Flow Service and the records do not
            throw new InvalidRequestException(pathOf(e), "must be a whole number without a decimal point or exponent (got " + e.getValue() + ")");
        } catch (JsonMappingException e) {
            // the schema should have caught it; still a problem with the request, never a crash
            throw new InvalidRequestException(pathOf(e), "cannot be read: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(FieldPath.ROOT, "cannot be read: " + e.getOriginalMessage());
        }
    }

    public OnboardingRequest read(String content, String sourceName) {
        if (content == null) {
            return read((byte[]) null, sourceName);
        }
        if (content.length() > maxBytes) {
            // every character takes at least one UTF-8 byte: over the limit without encoding a huge string
            throw new InvalidRequestException(FieldPath.ROOT, "is over the " + maxBytes + "-byte limit (" + content.length() + " characters)");
        }
        return read(content.getBytes(StandardCharsets.UTF_8), sourceName);
    }

    /**
     * The request as far as it can be read, section by section, so the semantic rules can run even when
     * another section is malformed: a section that does not map is left null.
     */
    private OnboardingRequest partial(JsonNode tree) {
        return new OnboardingRequest(
                section(tree, "id", String.class), section(tree, "kind", String.class), section(tree, "recipe", String.class),
                section(tree, "sandbox", String.class),
                section(tree, "source", OnboardingRequest.Source.class), section(tree, "adhocSchemaId", String.class),
                section(tree, "target", OnboardingRequest.Target.class), mappingSection(tree),
                section(tree, "copy", OnboardingRequest.Copy.class), section(tree, "schedule", OnboardingRequest.Schedule.class));
    }

    private <T> T section(JsonNode tree, String name, Class<T> type) {
        return value(tree.get(name), type);
    }

    private List<OnboardingRequest.Mapping> mappingSection(JsonNode tree) {
        JsonNode node = tree.get("mapping");
        if (node == null || !node.isArray()) {
            return null;
        }
        List<OnboardingRequest.Mapping> mapping = new ArrayList<>();
        // item by item, keeping positions: the rules report $.mapping[i]
        node.forEach(item -> mapping.add(value(item, OnboardingRequest.Mapping.class)));
        return mapping;
    }

    private <T> T value(JsonNode node, Class<T> type) {
        if (node == null || node.isNull() || (type == String.class && !node.isTextual())) {
            return null;
        }
        try {
            return lenient.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String pathOf(JsonMappingException e) {
        String path = FieldPath.ROOT;
        for (JsonMappingException.Reference r : e.getPath()) {
            path = r.getFieldName() != null ? FieldPath.child(path, r.getFieldName()) : FieldPath.index(path, r.getIndex());
        }
        return path;
    }

    private static JsonNode loadSchema() {
        try (InputStream in = RequestReader.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + SCHEMA_RESOURCE);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
