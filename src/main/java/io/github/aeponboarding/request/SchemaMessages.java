package io.github.aeponboarding.request;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns networknt validation messages into {@link Problem}s a person can act on:
 * the field that is wrong (not its parent), what it must be, and what it was.
 */
final class SchemaMessages {
    private static final int MAX_SHOWN_CHARS = 80;

    private final JsonNode schema;

    /** @param schema the root schema the messages came from, to list a rejected field's allowed siblings */
    SchemaMessages(JsonNode schema) {
        this.schema = schema;
    }

    /** @param prefix replaces the leading {@code $}, for schemas that validate one part of the request */
    List<Problem> translate(Collection<ValidationMessage> messages, String prefix) {
        List<Problem> problems = new ArrayList<>();
        for (ValidationMessage m : messages) {
            // a oneOf/anyOf branch failing is expected; the combinator's own message says what is wrong
            if (m.getEvaluationPath().toString().matches(".*(oneOf|anyOf)\\[\\d+].*")) {
                continue;
            }
            String at = prefix + m.getInstanceLocation().toString().substring(1);
            problems.add(switch (m.getType()) {
                case "required" -> new Problem(FieldPath.child(at, m.getProperty()), custom(m, "is required"));
                case "additionalProperties" -> new Problem(FieldPath.child(at, m.getProperty()), unknownField(m));
                default -> new Problem(at, reason(m));
            });
        }
        return problems;
    }

    private String reason(ValidationMessage m) {
        JsonNode rule = m.getSchemaNode();
        JsonNode value = m.getInstanceNode();
        String got = " (got " + shown(value) + ")";
        return switch (m.getType()) {
            case "type" -> "must be " + (rule.isArray() ? "one of the types " + list(rule) : article(rule.asText())) + got;
            case "enum" -> "must be one of " + list(rule) + got;
            case "const" -> "must be " + rule + got;
            case "minimum" -> custom(m, "must be at least " + rule) + got;
            case "maximum" -> custom(m, "must be at most " + rule) + got;
            case "exclusiveMinimum" -> custom(m, "must be more than " + rule) + got;
            case "exclusiveMaximum" -> custom(m, "must be less than " + rule) + got;
            case "minLength" -> "must be at least " + rule + " characters long" + got;
            case "maxLength" -> "must be at most " + rule + " characters long (got " + value.asText().length() + ")";
            case "minItems" -> "must have at least " + rule + (rule.asInt() == 1 ? " item" : " items") + " (got " + value.size() + ")";
            case "maxItems" -> "must have at most " + rule + " items (got " + value.size() + ")";
            case "pattern" -> custom(m, "must match " + rule.asText()) + got;
            case "oneOf" -> custom(m, "must match exactly one alternative") + " (" + given(m) + ")";
            case "not" -> custom(m, "must not match " + abbreviated(rule.toString()));
            case "false" -> "is not allowed here";
            default -> custom(m, m.getMessage());
        };
    }

    /** The schema's own {@code errorMessage}, or {@code fallback}: networknt prefixes only its built-in messages with the location. */
    private static String custom(ValidationMessage m, String fallback) {
        String message = m.getMessage();
        return message.startsWith(m.getInstanceLocation() + ":") ? fallback : message;
    }

    private String unknownField(ValidationMessage m) {
        String pointer = m.getSchemaLocation().getFragment().toString();
        JsonPointer parent = JsonPointer.compile(pointer).head();
        JsonNode properties = parent == null ? null : schema.at(parent).get("properties");
        if (properties == null || properties.isEmpty()) {
            return "is not a known field";
        }
        return "is not a known field; allowed here: "
                + properties.propertyStream().map(Map.Entry::getKey).collect(Collectors.joining(", "));
    }

    private static String given(ValidationMessage m) {
        Object[] args = m.getArguments();
        int valid = args.length > 0 ? Integer.parseInt(String.valueOf(args[0])) : 0;
        return valid == 0 ? "none given" : valid == 2 ? "both given" : valid + " given";
    }

    private static String list(JsonNode values) {
        return values.valueStream()
                .map(v -> v.isTextual() ? v.asText() : v.toString())
                .collect(Collectors.joining(", "));
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "object", "array" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    /** The offending value, short enough for a log line; containers are named, not dumped. */
    private static String shown(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        return abbreviated(value.toString());
    }

    private static String abbreviated(String text) {
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "...";
    }
}
