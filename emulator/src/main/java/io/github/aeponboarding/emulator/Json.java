package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The one ObjectMapper and the small JSON helpers the APIs share. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode obj() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode arr() {
        return MAPPER.createArrayNode();
    }

    static JsonNode parse(byte[] body) throws IOException {
        return MAPPER.readTree(body);
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * The values found at a dotted path. A segment ending in {@code []} (or any array met on the
     * way) fans out over the elements, which is how Flow Service filters read {@code sourceConnectionIds[]}
     * and {@code params.columns[].name}.
     */
    static List<JsonNode> valuesAt(JsonNode root, String path) {
        List<JsonNode> current = new ArrayList<>(List.of(root));
        for (String raw : path.split("\\.")) {
            String segment = raw.endsWith("[]") ? raw.substring(0, raw.length() - 2) : raw;
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                JsonNode child = segment.isEmpty() ? node : node.get(segment);
                if (child == null || child.isNull() || child.isMissingNode()) continue;
                if (child.isArray()) child.forEach(next::add);
                else next.add(child);
            }
            current = next;
        }
        return current;
    }
}
