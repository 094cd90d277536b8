package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Flow Service lists: {@code property} filters, {@code orderby}, {@code limit}, {@code count} and an
 * opaque {@code continuationToken}, answered as {@code {items, _links.next.href}} (href relative to
 * the service root, other query parameters kept, so a client must parse the token by name).
 */
final class FlowServicePaging {
    static final int DEFAULT_LIMIT = 100;
    private static final Pattern ORDER_BY = Pattern.compile("[+\\- ]?[A-Za-z_][A-Za-z0-9_.]*");
    private static final Service SERVICE = Service.FLOW_SERVICE;

    private FlowServicePaging() {
    }

    /** {@code /flowSpecs} and {@code /connectionSpecs} take only {@code property} and are not paged. */
    static ApiResponse specs(Map<String, ObjectNode> store, ApiRequest request) {
        PropertyFilter filter = PropertyFilter.parse(request.queryParams("property"), PropertyFilter.Dialect.FLOW_SERVICE, SERVICE);
        ObjectNode body = Json.obj();
        ArrayNode items = body.putArray("items");
        store.values().stream().filter(filter::matches).forEach(items::add);
        return ApiResponse.ok(body);
    }

    static ApiResponse list(Map<String, ObjectNode> store, ApiRequest request, String collectionPath) {
        PropertyFilter filter = PropertyFilter.parse(request.queryParams("property"), PropertyFilter.Dialect.FLOW_SERVICE, SERVICE);
        String limitText = request.queryParam("limit");
        boolean count = "true".equalsIgnoreCase(request.queryParam("count"));
        if (count && limitText != null) {
            throw SERVICE.error(400, "1401", "limit and count cannot be used together");
        }
        List<ObjectNode> matching = new ArrayList<>(store.values().stream().filter(filter::matches).toList());
        sort(matching, request.queryParam("orderby"));
        if (count) return ApiResponse.ok(Json.obj().put("count", matching.size()));
        int limit = request.intParam("limit", DEFAULT_LIMIT, 1, Integer.MAX_VALUE, SERVICE);
        int offset = decodeToken(request.queryParam("continuationToken"));
        ObjectNode body = Json.obj();
        ArrayNode items = body.putArray("items");
        int end = Math.min(matching.size(), offset + limit);
        for (int i = offset; i < end; i++) items.add(matching.get(i));
        ObjectNode links = body.putObject("_links");
        if (end < matching.size()) {
            links.putObject("next").put("href", collectionPath + "?" + nextQuery(request, end));
        }
        return ApiResponse.ok(body);
    }

    private static void sort(List<ObjectNode> items, String orderBy) {
        if (orderBy == null || orderBy.isEmpty()) return;
        List<Comparator<ObjectNode>> comparators = new ArrayList<>();
        for (String field : orderBy.split(",")) {
            if (!ORDER_BY.matcher(field).matches()) {
                throw SERVICE.error(400, "1432", "Invalid orderby syntax: " + orderBy);
            }
            boolean descending = field.startsWith("-");
            String path = field.startsWith("+") || field.startsWith("-") || field.startsWith(" ") ? field.substring(1) : field;
            Comparator<ObjectNode> comparator = Comparator.comparing((ObjectNode item) -> sortKey(item, path),
                    Comparator.nullsLast(FlowServicePaging::compareKeys));
            comparators.add(descending ? comparator.reversed() : comparator);
        }
        items.sort(comparators.stream().reduce(Comparator::thenComparing).orElseThrow());
    }

    private static JsonNode sortKey(ObjectNode item, String path) {
        List<JsonNode> values = Json.valuesAt(item, path);
        return values.isEmpty() ? null : values.get(0);
    }

    private static int compareKeys(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue());
        return a.asText().compareTo(b.asText());
    }

    private static int decodeToken(String token) {
        if (token == null) return 0;
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("offset:")) return Integer.parseInt(decoded.substring(7));
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw SERVICE.error(400, "1400", "Invalid continuationToken");
    }

    private static String nextQuery(ApiRequest request, int offset) {
        StringBuilder query = new StringBuilder();
        request.query().forEach((name, values) -> {
            if (name.equals("continuationToken")) return;
            for (String value : values) {
                query.append(encode(name)).append('=').append(encode(value)).append('&');
            }
        });
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
        return query.append("continuationToken=").append(token).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
