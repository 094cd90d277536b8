package io.github.aeponboarding.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.onboarding.Step;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every exchange property, header and variable a route names is declared in {@link ExchangeContract}:
 * the routes spell the names out, so a typo would otherwise read {@code null} without a word.
 */
class ExchangeContractTest {
    /** ${exchangeProperty.x}, ${header.x}, ${variable.x} in Simple; variable:x as an expression's source. */
    private static final Pattern IN_EXPRESSION = Pattern.compile("\\$\\{(?:exchangeProperty|header|variable)\\.([A-Za-z][\\w-]*)"
            + "|(?<![\\w$])variable:([A-Za-z]\\w*)");
    /** The steps that name what they set or remove. */
    private static final Set<String> NAMING_STEPS = Set.of("setProperty", "setHeader", "setVariable",
            "removeProperty", "removeHeader", "removeVariable");
    /** Expressions that read one name: setBody: {header: AepFailure}, setProperty: {name: ..., header: AepAction}. */
    private static final Set<String> READING_EXPRESSIONS = Set.of("header", "exchangeProperty", "variable");

    @Test
    void every_name_the_routes_use_is_in_the_contract() {
        Set<String> declared = declared();
        List<String> undeclared = new ArrayList<>();
        int[] checked = {0};
        RouteFiles.all().forEach((file, tree) -> RouteFiles.walk(tree, "", (pointer, node) -> {
            for (String name : namesAt(pointer, node)) {
                checked[0]++;
                if (!declared.contains(name) && !owned(name)) {
                    undeclared.add(file + " " + pointer + ": " + name);
                }
            }
        }));
        assertThat(checked[0]).as("names found in the routes").isGreaterThan(50);
        assertThat(undeclared).as("names the routes use that ExchangeContract does not declare").isEmpty();
    }

    @Test
    void the_contract_spells_every_name_with_the_bundles_prefix() {
        assertThat(declared()).allSatisfy(name -> assertThat(name).matches("(aep|Aep)[A-Z]\\w*|x-sandbox-name"));
    }

    /** The names one node of a route file uses. */
    private static List<String> namesAt(String pointer, JsonNode node) {
        List<String> names = new ArrayList<>();
        String key = pointer.substring(pointer.lastIndexOf('/') + 1);
        String parentKey = parentKey(pointer);
        if (node.isTextual()) {
            Matcher m = IN_EXPRESSION.matcher(node.asText());
            while (m.find()) {
                names.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
            if (key.equals("name") && NAMING_STEPS.contains(parentKey)
                    || key.equals("variableReceive") || key.equals("variableSend")
                    || READING_EXPRESSIONS.contains(key) && !parentKey.equals("parameters")) {
                names.add(node.asText());
            }
        } else if (node.isObject() && node.has("name") && node.has("value") && pointer.contains("/templatedRoute/parameters/")
                && node.path("name").asText().endsWith("Header")) {
            names.add(node.path("value").asText());   // a template parameter that names a header (idHeader)
        }
        // a template's own parameters ({{idHeader}}) are checked where the instances give them
        names.removeIf(n -> n.contains("{{"));
        return names;
    }

    private static String parentKey(String pointer) {
        String[] parts = pointer.split("/");
        return parts.length < 3 ? "" : parts[parts.length - 2];
    }

    /** Names Camel or JMS own, e.g. JMSReplyTo. */
    private static boolean owned(String name) {
        return name.startsWith("JMS") || name.startsWith("Camel");
    }

    private static Set<String> declared() {
        Set<String> names = Arrays.stream(ExchangeContract.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(ExchangeContractTest::value).collect(Collectors.toCollection(TreeSet::new));
        // the id headers: the prefix plus each resource's (Step#header)
        Arrays.stream(Step.values()).map(Step::header).forEach(names::add);
        names.remove(ExchangeContract.ID_HEADER_PREFIX);
        return names;
    }

    private static String value(Field f) {
        try {
            return (String) f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
