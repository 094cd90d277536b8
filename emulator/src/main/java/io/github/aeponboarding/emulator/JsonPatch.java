package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The add / replace / remove subset of JSON Patch (RFC 6902) Flow Service accepts; op names are
 * case-insensitive because the spec's enum is upper case and the docs write lower case.
 * Identity and bookkeeping fields cannot be patched.
 */
final class JsonPatch {
    private static final List<String> PROTECTED = List.of("/id", "/etag", "/createdAt", "/createdBy", "/createdClient",
            "/sandboxId", "/sandboxName", "/imsOrgId", "/flowSpec", "/connectionSpec", "/baseConnectionId");

    private JsonPatch() {
    }

    static ObjectNode apply(ObjectNode resource, JsonNode operations, Service service) {
        if (!operations.isArray() || operations.isEmpty()) {
            throw service.error(400, "1400", "The body must be a non-empty JSON Patch array");
        }
        ObjectNode copy = resource.deepCopy();
        for (JsonNode operation : operations) {
            String op = Json.text(operation, "op");
            String path = Json.text(operation, "path");
            if (op == null || path == null || !path.startsWith("/")) {
                throw service.error(400, "1400", "Each patch operation needs op and a path starting with '/'");
            }
            for (String locked : PROTECTED) {
                if (path.equals(locked) || path.startsWith(locked + "/")) {
                    throw service.error(400, "1400", "Path " + path + " cannot be changed");
                }
            }
            applyOne(copy, op.toLowerCase(Locale.ROOT), path, operation.get("value"), service);
        }
        return copy;
    }

    private static void applyOne(ObjectNode root, String op, String path, JsonNode value, Service service) {
        String[] segments = path.substring(1).split("/");
        JsonNode parent = root;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode next = child(parent, unescape(segments[i]));
            if (next == null) {
                if (!op.equals("add") || !parent.isObject()) throw service.error(400, "1400", "Path " + path + " does not exist");
                next = ((ObjectNode) parent).putObject(unescape(segments[i]));
            }
            parent = next;
        }
        String last = unescape(segments[segments.length - 1]);
        switch (op) {
            case "add", "replace" -> {
                if (value == null) throw service.error(400, "1400", op + " needs a value");
                if (op.equals("replace") && child(parent, last) == null) {
                    throw service.error(400, "1400", "Path " + path + " does not exist");
                }
                set(parent, last, value, service, path);
            }
            case "remove" -> {
                if (child(parent, last) == null) throw service.error(400, "1400", "Path " + path + " does not exist");
                if (parent.isObject()) ((ObjectNode) parent).remove(last);
                else ((ArrayNode) parent).remove(Integer.parseInt(last));
            }
            default -> throw service.error(400, "1400", "Unsupported patch op " + op);
        }
    }

    private static JsonNode child(JsonNode parent, String segment) {
        if (parent.isObject()) return parent.get(segment);
        if (parent.isArray() && segment.matches("\\d+")) return parent.get(Integer.parseInt(segment));
        return null;
    }

    private static void set(JsonNode parent, String segment, JsonNode value, Service service, String path) {
        if (parent.isObject()) {
            ((ObjectNode) parent).set(segment, value);
        } else if (parent.isArray() && segment.equals("-")) {
            ((ArrayNode) parent).add(value);
        } else if (parent.isArray() && segment.matches("\\d+") && Integer.parseInt(segment) < parent.size()) {
            ((ArrayNode) parent).set(Integer.parseInt(segment), value);
        } else {
            throw service.error(400, "1400", "Path " + path + " does not exist");
        }
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
