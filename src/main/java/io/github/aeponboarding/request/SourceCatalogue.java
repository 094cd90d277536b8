package io.github.aeponboarding.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sources the bundle knows, read from {@code sources.yaml} on the classpath: per connection spec its
 * kind, flowSpec, shape (which request fields its source connection takes), limits and deprecation. The
 * data lives in the YAML so that a source is added or corrected there, not in code.
 */
public final class SourceCatalogue {
    public static final String RESOURCE = "sources.yaml";
    /** The flowSpec of a connection spec the catalogue does not list (the tutorials' one). */
    public static final String DEFAULT_FLOW_SPEC = "CRMToAEP";

    /** A flowSpec: looked up by name (or by id when it has no name); the transformations it takes and requires. */
    public record FlowSpec(String key, String name, String id, List<String> takes, List<String> requires) {
        public boolean takes(String transformation) {
            return takes.contains(transformation);
        }

        public boolean requires(String transformation) {
            return requires.contains(transformation);
        }
    }

    /**
     * One source. {@code known} is false for a connection spec outside the catalogue, described from the
     * request's kind as the two tutorials did (crm: a table, payments: a table path, both on CRMToAEP).
     */
    public record Source(String name, String connectionSpecId, String kind, FlowSpec flowSpec, SourceShape shape,
                         List<String> resources, List<String> frequencies, String deprecated, boolean known) {
        /** The route of the content-based router's branch, e.g. {@code table-source}. */
        public String route() {
            return shape.route();
        }
    }

    private static final SourceCatalogue STANDARD = load(java.nio.file.Path.of(""));

    private final Map<String, FlowSpec> flowSpecs;
    private final Map<String, Source> sources;

    private SourceCatalogue(Map<String, FlowSpec> flowSpecs, Map<String, Source> sources) {
        this.flowSpecs = flowSpecs;
        this.sources = sources;
    }

    /** The catalogue shipped in the jar. */
    public static SourceCatalogue standard() {
        return STANDARD;
    }

    public Optional<Source> bySpec(String connectionSpecId) {
        return Optional.ofNullable(connectionSpecId == null ? null : sources.get(connectionSpecId.toLowerCase(java.util.Locale.ROOT)));
    }

    public List<Source> sources() {
        return List.copyOf(sources.values());
    }

    /**
     * The request's source: its catalogue entry, else one described by its kind (null when the kind
     * is missing or unknown too: validation reports that).
     */
    public Source resolve(OnboardingRequest r) {
        String spec = r.source() == null ? null : r.source().connectionSpecId();
        Optional<Source> known = bySpec(spec);
        if (known.isPresent()) {
            return known.get();
        }
        SourceShape shape = "crm".equals(r.kind()) ? SourceShape.TABLE : "payments".equals(r.kind()) ? SourceShape.TABLE_PATH : null;
        if (shape == null) {
            return null;
        }
        return new Source("connection spec " + spec, spec, r.kind(), flowSpecs.get(DEFAULT_FLOW_SPEC), shape,
                List.of(), List.of(), null, false);
    }

    /**
     * {@code config/sources.yaml} next to the working directory (a ConfigMap on Kubernetes) when there is
     * one, like the properties: a correction to an entry needs no new build. Else the copy in the jar.
     */
    static SourceCatalogue load(java.nio.file.Path workingDir) {
        java.nio.file.Path local = workingDir.resolve("config").resolve(RESOURCE);
        try (InputStream in = java.nio.file.Files.isRegularFile(local) ? java.nio.file.Files.newInputStream(local)
                : SourceCatalogue.class.getClassLoader().getResourceAsStream("aep-config/" + RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource aep-config/" + RESOURCE);
            }
            return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the catalogue, failing at start on an entry that names an unknown flowSpec or shape. */
    static SourceCatalogue parse(JsonNode root) {
        Map<String, FlowSpec> flowSpecs = new LinkedHashMap<>();
        root.path("flowSpecs").fields().forEachRemaining(f -> {
            JsonNode t = f.getValue().path("transformations");
            flowSpecs.put(f.getKey(), new FlowSpec(f.getKey(), text(f.getValue(), "name"), text(f.getValue(), "id"),
                    strings(t.path("takes")), strings(t.path("requires"))));
        });
        Map<String, Source> sources = new LinkedHashMap<>();
        for (JsonNode s : root.path("sources")) {
            String name = text(s, "name");
            FlowSpec flowSpec = flowSpecs.get(text(s, "flowSpec"));
            if (flowSpec == null || (flowSpec.name() == null && flowSpec.id() == null)) {
                throw new IllegalStateException(RESOURCE + ": source " + name + " names flowSpec " + text(s, "flowSpec")
                        + ", which has no entry with a name or id under flowSpecs");
            }
            SourceShape shape = SourceShape.of(text(s, "shape"))
                    .orElseThrow(() -> new IllegalStateException(RESOURCE + ": source " + name + " has unknown shape " + text(s, "shape")));
            String spec = text(s, "connectionSpecId").toLowerCase(java.util.Locale.ROOT);
            if (sources.put(spec, new Source(name, spec, text(s, "kind"), flowSpec, shape, strings(s.path("resources")),
                    strings(s.path("frequencies")), text(s, "deprecated"), true)) != null) {
                throw new IllegalStateException(RESOURCE + ": connection spec " + spec + " is listed twice");
            }
        }
        if (!flowSpecs.containsKey(DEFAULT_FLOW_SPEC)) {
            throw new IllegalStateException(RESOURCE + ": flowSpecs must hold " + DEFAULT_FLOW_SPEC);
        }
        return new SourceCatalogue(flowSpecs, sources);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }
}
