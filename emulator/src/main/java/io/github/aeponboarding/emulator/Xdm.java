package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lookups into the Schema Registry state that the other services need for referential integrity. */
final class Xdm {
    private static final Pattern VERSION = Pattern.compile("version\\s*=\\s*([0-9][0-9.]*)");
    private static final Pattern XED_CONTENT_TYPE =
            Pattern.compile("application/vnd\\.adobe\\.xed(-full|-notext|-full-notext|-full-desc)?\\+json\\s*;\\s*version\\s*=\\s*[0-9][0-9.]*");

    private Xdm() {
    }

    /** A resource by {@code $id} or {@code meta:altId}, or null. */
    static ObjectNode find(SandboxState state, String idOrAltId) {
        if (idOrAltId == null) return null;
        ObjectNode byId = state.xdm.get(idOrAltId);
        if (byId != null) return byId;
        for (ObjectNode resource : state.xdm.values()) {
            if (idOrAltId.equals(Json.text(resource, "meta:altId"))) return resource;
        }
        return null;
    }

    static ObjectNode schema(SandboxState state, String id) {
        ObjectNode found = find(state, id);
        return found != null && "schemas".equals(Json.text(found, "meta:resourceType")) ? found : null;
    }

    static boolean isXedContentType(String value) {
        return value != null && XED_CONTENT_TYPE.matcher(value.trim()).matches();
    }

    /**
     * The major.minor version a content type or a bare version names, normalised so that
     * {@code ...;version=1}, {@code ...; version=1.0} and {@code "1.0"} compare equal.
     */
    static String normalizedVersion(String contentTypeOrVersion) {
        if (contentTypeOrVersion == null) return "1";
        Matcher matcher = VERSION.matcher(contentTypeOrVersion);
        String version = matcher.find() ? matcher.group(1) : contentTypeOrVersion.trim();
        while (version.endsWith(".0")) version = version.substring(0, version.length() - 2);
        return version;
    }

    /**
     * The source field names an ad hoc schema declares (the properties under its {@code _<namespace>}
     * object), empty when the schema is not ad hoc.
     */
    static Set<String> adhocFields(SandboxState state, String schemaId) {
        Set<String> fields = new LinkedHashSet<>();
        ObjectNode schema = schema(state, schemaId);
        if (schema == null) return fields;
        ObjectNode adhocClass = find(state, Json.text(schema, "meta:class"));
        if (adhocClass == null || !adhocClass.path("meta:extends").toString().contains(SeedData.ADHOC_BEHAVIOR)) return fields;
        String namespace = Json.text(adhocClass, "meta:datasetNamespace");
        for (JsonNode part : adhocClass.path("allOf")) {
            part.path("properties").path(namespace).path("properties").fieldNames().forEachRemaining(fields::add);
        }
        return fields;
    }
}
