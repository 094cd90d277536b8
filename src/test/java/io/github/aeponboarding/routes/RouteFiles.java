package io.github.aeponboarding.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/** The bundle's route files, {@code routes/*.camel.yaml}, read as plain YAML trees for the tests that check them. */
final class RouteFiles {
    static final Path ROUTES = Path.of("routes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RouteFiles() {
    }

    /** Every route file, by its name, as a YAML tree. */
    static Map<String, JsonNode> all() {
        try (Stream<Path> files = Files.list(ROUTES)) {
            List<Path> yaml = files.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
            java.util.LinkedHashMap<String, JsonNode> trees = new java.util.LinkedHashMap<>();
            for (Path p : yaml) {
                trees.put(p.getFileName().toString(), YAML.readTree(p.toFile()));
            }
            return trees;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Visits every node of a tree with its JSON pointer, e.g. {@code /0/route/from/steps/2/bean/ref}. */
    static void walk(JsonNode node, String pointer, BiConsumer<String, JsonNode> visitor) {
        visitor.accept(pointer, node);
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> walk(f.getValue(), pointer + "/" + f.getKey(), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }
}
