package io.github.aeponboarding.request;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/** JSONPath-like field names ({@code $.mapping[2].source}), spelled the way networknt spells instance locations. */
final class FieldPath {
    static final String ROOT = "$";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private FieldPath() {}

    static String child(String parent, String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The field a streaming parser is positioned at, so syntax-level problems name a field too. */
    static String of(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        String path = ROOT;
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                path = index(path, Math.max(c.getCurrentIndex(), 0));
            } else if (c.getCurrentName() != null) {
                path = child(path, c.getCurrentName());
            }
        }
        return path;
    }
}
