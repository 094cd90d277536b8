package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code property=} filters. Each parameter is one clause and repeated parameters are ANDed.
 * Dialects differ the way Adobe documents them:
 * Flow Service: {@code == != < <= > >=}, a comma means OR of values, {@code []} on arrays, any path,
 * {@code ~} is "not implemented" (1440), {@code <=} with several values is refused (1443);
 * Schema Registry: the same operators and a bare name for "exists", one value per clause;
 * Catalog: top-level properties only, bare name (exists), {@code !name} (not exists), {@code ~} regex.
 */
final class PropertyFilter {
    enum Dialect { FLOW_SERVICE, SCHEMA_REGISTRY, CATALOG }

    private static final String[] OPERATORS = {"==", "!=", "<=", ">=", "<", ">", "~"};

    private record Clause(String path, String operator, List<String> values) {
    }

    private final List<Clause> clauses;

    private PropertyFilter(List<Clause> clauses) {
        this.clauses = clauses;
    }

    static PropertyFilter parse(List<String> parameters, Dialect dialect, Service service) {
        List<Clause> clauses = new ArrayList<>();
        for (String parameter : parameters) {
            clauses.add(parseClause(parameter.trim(), dialect, service));
        }
        return new PropertyFilter(clauses);
    }

    private static Clause parseClause(String text, Dialect dialect, Service service) {
        int at = -1;
        String operator = null;
        for (int i = 0; i < text.length() && operator == null; i++) {
            for (String candidate : OPERATORS) {
                if (text.startsWith(candidate, i)) {
                    at = i;
                    operator = candidate;
                    break;
                }
            }
        }
        if (operator == null) {
            if (text.isEmpty()) throw service.error(400, "1400", "Empty property filter");
            if (text.startsWith("!") && dialect == Dialect.CATALOG) return new Clause(text.substring(1), "!exists", List.of());
            if (dialect == Dialect.FLOW_SERVICE) {
                throw service.error(400, "1400", "Invalid property filter '" + text + "': expected <path><operator><value>");
            }
            return new Clause(text, "exists", List.of());
        }
        String path = text.substring(0, at).trim();
        String rawValue = text.substring(at + operator.length());
        if (path.isEmpty()) throw service.error(400, "1400", "Invalid property filter '" + text + "': no property name");
        if (dialect == Dialect.CATALOG && path.contains(".")) {
            throw service.error(400, "1400", "Catalog filters apply to top-level properties only: " + path);
        }
        if (operator.equals("~")) {
            if (dialect == Dialect.FLOW_SERVICE) throw service.error(400, "1440", "Operator '~' is not implemented");
            if (dialect == Dialect.SCHEMA_REGISTRY) throw service.error(400, "1000", "Operator '~' is not supported");
            try {
                Pattern.compile(rawValue);
            } catch (PatternSyntaxException e) {
                throw service.error(400, "1400", "Invalid regular expression in filter: " + rawValue);
            }
        }
        List<String> values = new ArrayList<>();
        if (dialect == Dialect.FLOW_SERVICE) {
            for (String value : rawValue.split(",", -1)) values.add(unquote(value.trim()));
        } else {
            values.add(unquote(rawValue.trim()));
        }
        boolean ordering = operator.startsWith("<") || operator.startsWith(">");
        if (ordering && values.size() > 1) {
            throw service.error(400, "1443", "Operator '" + operator + "' does not accept multiple values");
        }
        return new Clause(path, operator, values);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    boolean isEmpty() {
        return clauses.isEmpty();
    }

    boolean matches(JsonNode item) {
        for (Clause clause : clauses) {
            if (!matches(item, clause)) return false;
        }
        return true;
    }

    private static boolean matches(JsonNode item, Clause clause) {
        List<JsonNode> found = Json.valuesAt(item, clause.path());
        switch (clause.operator()) {
            case "exists":
                return !found.isEmpty();
            case "!exists":
                return found.isEmpty();
            case "!=":
                // true when no value at the path equals any of the given values
                return found.stream().noneMatch(v -> clause.values().stream().anyMatch(expected -> equal(v, expected)));
            case "==":
                return found.stream().anyMatch(v -> clause.values().stream().anyMatch(expected -> equal(v, expected)));
            case "~":
                Pattern pattern = Pattern.compile(clause.values().get(0));
                return found.stream().anyMatch(v -> pattern.matcher(v.asText()).find());
            default:
                return found.stream().anyMatch(v -> compare(v, clause.values().get(0), clause.operator()));
        }
    }

    private static boolean equal(JsonNode actual, String expected) {
        if (actual.isContainerNode()) return false;
        if (actual.isNumber()) {
            BigDecimal number = number(expected);
            return number != null && actual.decimalValue().compareTo(number) == 0;
        }
        return actual.asText().equals(expected);
    }

    private static boolean compare(JsonNode actual, String expected, String operator) {
        if (actual.isContainerNode()) return false;
        BigDecimal left = actual.isNumber() ? actual.decimalValue() : number(actual.asText());
        BigDecimal right = number(expected);
        int order = left != null && right != null ? left.compareTo(right) : actual.asText().compareTo(expected);
        return switch (operator) {
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
