package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a lookup's {@code Accept} shapes the answer ({@code xdm} variants alike their {@code xed} twins): {@code xed} as stored (references in {@code allOf}),
 * {@code xed-full} with the fields of every referenced class, field group and behaviour merged into
 * {@code properties}, {@code -notext} without titles and descriptions, {@code -full-desc} without titles.
 */
final class XdmViews {
    private XdmViews() {
    }

    static ObjectNode render(ObjectNode resource, String accept, SandboxState state) {
        ObjectNode view = resource.deepCopy();
        if (accept.contains("-full")) {
            ObjectNode properties = Json.obj();
            collect(resource, state, properties, new LinkedHashSet<>());
            view.set("properties", properties);
            view.remove("allOf");
        }
        if (accept.contains("notext")) strip(view, List.of("title", "description"));
        else if (accept.contains("full-desc")) strip(view, List.of("title"));
        return view;
    }

    private static void collect(JsonNode resource, SandboxState state, ObjectNode into, Set<String> seen) {
        merge(into, resource.path("properties"));
        for (JsonNode part : resource.path("allOf")) {
            merge(into, part.path("properties"));
            String ref = Json.text(part, "$ref");
            if (ref != null && seen.add(ref)) {
                ObjectNode referenced = Xdm.find(state, ref);
                if (referenced != null) collect(referenced, state, into, seen);
            }
        }
        for (JsonNode ref : resource.path("meta:extends")) {
            if (seen.add(ref.asText())) {
                ObjectNode referenced = Xdm.find(state, ref.asText());
                if (referenced != null) collect(referenced, state, into, seen);
            }
        }
    }

    private static void merge(ObjectNode into, JsonNode properties) {
        if (properties.isObject()) properties.fields().forEachRemaining(e -> into.set(e.getKey(), e.getValue().deepCopy()));
    }

    private static void strip(JsonNode node, List<String> names) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            object.remove(names);
            List<JsonNode> children = new ArrayList<>();
            object.elements().forEachRemaining(children::add);
            children.forEach(child -> strip(child, names));
        } else if (node.isArray()) {
            node.forEach(child -> strip(child, names));
        }
    }
}
