package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Schema Registry ({@code /data/foundation/schemaregistry}): {@code /stats}, listing and lookup of
 * classes, schemas, field groups, data types and behaviours in the {@code global} and {@code tenant}
 * containers, tenant class/schema creation ({@link XdmCreates}) and deletion. GETs need the documented
 * {@code Accept} values; errors use {@code errorBasic}.
 */
final class SchemaRegistryApi {
    private static final Service SERVICE = Service.SCHEMA_REGISTRY;
    private static final Set<String> KINDS = Set.of("classes", "schemas", "fieldgroups", "mixins", "datatypes", "behaviors");
    // the registry takes xed and xdm alike: its own 406 says "should look like application/vnd.adobe.{xed|xdm}+json"
    // (schema-registry.yaml, error examples), and aepp sends xdm lookups by default; anything else stays a 406
    private static final Pattern LIST_ACCEPT = Pattern.compile("application/vnd\\.adobe\\.(xed|xdm)(-id)?\\+json");
    private static final Pattern LOOKUP_ACCEPT =
            Pattern.compile("application/vnd\\.adobe\\.(xed|xdm)(-full|-notext|-full-notext|-full-desc)?\\+json(\\s*;\\s*version\\s*=\\s*[0-9][0-9.]*)?");
    private final Router router = new Router();
    private final XdmCreates creates = new XdmCreates();

    SchemaRegistryApi() {
        router.on("GET", "/stats", (r, p, s) -> stats(s))
                .on("POST", "/tenant/classes", (r, p, s) -> creates.createClass(r, s))
                .on("POST", "/tenant/schemas", (r, p, s) -> creates.createSchema(r, s))
                .on("GET", "/{container}/{kind}", (r, p, s) -> list(r, p.get(0), p.get(1), s))
                .on("GET", "/{container}/{kind}/{id}", (r, p, s) -> lookup(r, p.get(0), p.get(1), p.get(2), s))
                .on("DELETE", "/tenant/{kind}/{id}", (r, p, s) -> delete(p.get(0), p.get(1), s));
    }

    ApiResponse handle(ApiRequest request, String relativePath, SandboxState state) {
        return router.dispatch(SERVICE, relativePath, request, state);
    }

    private static ApiResponse stats(SandboxState state) {
        ObjectNode body = Json.obj().put("imsOrg", state.orgId).put("tenantId", SeedData.TENANT_ID);
        ObjectNode counts = body.putObject("counts");
        for (String kind : List.of("schemas", "mixins", "datatypes", "classes", "unions")) {
            String stored = kind.equals("mixins") ? "fieldgroups" : kind;
            counts.put(kind, state.xdm.values().stream().filter(x -> isTenant(x) && stored.equals(kindOf(x))).count());
        }
        ArrayNode recent = body.putArray("recentlyCreatedResources");
        state.xdm.values().stream().filter(SchemaRegistryApi::isTenant).forEach(x -> recent.add(summary(x)));
        body.putArray("recentlyUpdatedResources");
        body.putArray("classUsage");
        return ApiResponse.ok(body);
    }

    private ApiResponse list(ApiRequest request, String container, String kind, SandboxState state) {
        checkContainer(container, kind);
        String accept = accept(request);
        if (accept == null || !LIST_ACCEPT.matcher(accept).matches()) {
            throw notAcceptable("Listing needs Accept: application/vnd.adobe.{xed|xdm}-id+json or application/vnd.adobe.{xed|xdm}+json");
        }
        PropertyFilter filter = PropertyFilter.parse(request.queryParams("property"), PropertyFilter.Dialect.SCHEMA_REGISTRY, SERVICE);
        List<ObjectNode> matching = state.xdm.values().stream()
                .filter(x -> container.equals(Json.text(x, "meta:containerId")) && storedKind(kind).equals(kindOf(x)))
                .filter(filter::matches).toList();
        boolean full = !accept.contains("-id");
        return ApiResponse.ok(XdmPaging.page(matching, request, full ? x -> x : SchemaRegistryApi::summary));
    }

    private ApiResponse lookup(ApiRequest request, String container, String kind, String id, SandboxState state) {
        checkContainer(container, kind);
        String accept = accept(request);
        if (accept == null || !LOOKUP_ACCEPT.matcher(accept).matches()) {
            throw notAcceptable("Lookup needs Accept: application/vnd.adobe.{xed|xdm}(-full|-notext|-full-notext|-full-desc)+json; version=1");
        }
        if (!accept.contains("version")) {
            throw SERVICE.error(400, "1000", "The Accept header of a lookup must include a version, e.g. "
                    + "application/vnd.adobe.xed-full+json; version=1");
        }
        ObjectNode found = Xdm.find(state, id);
        if (found == null || !container.equals(Json.text(found, "meta:containerId")) || !storedKind(kind).equals(kindOf(found))) {
            throw notFound(kind, id);
        }
        return ApiResponse.ok(XdmViews.render(found, accept, state));
    }

    private static ApiResponse delete(String kind, String id, SandboxState state) {
        checkContainer("tenant", kind);
        ObjectNode found = Xdm.find(state, id);
        if (found == null || !isTenant(found) || !storedKind(kind).equals(kindOf(found))) throw notFound(kind, id);
        String schemaId = found.get("$id").asText();
        for (ObjectNode other : state.xdm.values()) {
            if (other != found && other.path("allOf").toString().contains("\"" + schemaId + "\"")) {
                throw SERVICE.error(400, "1000", "Resource " + schemaId + " is referenced by " + other.get("$id").asText()
                        + "; delete that first");
            }
        }
        state.xdm.remove(schemaId);
        return ApiResponse.noContent().committed();
    }

    private static String accept(ApiRequest request) {
        String accept = request.header("Accept");
        return accept == null ? null : accept.trim().toLowerCase(Locale.ROOT);
    }

    private static void checkContainer(String container, String kind) {
        if (!container.equals("global") && !container.equals("tenant")) {
            throw SERVICE.notFound("Unknown container " + container + "; use global or tenant");
        }
        if (!KINDS.contains(kind)) throw SERVICE.notFound("Unknown resource type " + kind);
    }

    static ApiException notFound(String kind, String id) {
        return SERVICE.notFound("The " + kind + " resource " + id + " was not found");
    }

    private static ApiException notAcceptable(String detail) {
        return SERVICE.error(406, "1006", detail);
    }

    /** {@code /mixins} is the deprecated name of {@code /fieldgroups}. */
    private static String storedKind(String kind) {
        return kind.equals("mixins") ? "fieldgroups" : kind;
    }

    static String kindOf(JsonNode resource) {
        return Json.text(resource, "meta:resourceType");
    }

    static boolean isTenant(JsonNode resource) {
        return "tenant".equals(Json.text(resource, "meta:containerId"));
    }

    /** The {@code xed-id+json} listing item. */
    static ObjectNode summary(ObjectNode resource) {
        return Json.obj().put("$id", resource.get("$id").asText()).put("meta:altId", Json.text(resource, "meta:altId"))
                .put("version", Json.text(resource, "version")).put("title", Json.text(resource, "title"));
    }
}
