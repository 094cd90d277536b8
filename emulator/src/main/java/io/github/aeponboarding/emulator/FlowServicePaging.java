package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Flow Service lists: {@code property} filters, {@code orderby}, {@code limit}, {@code count} and an
 * opaque {@code continuationToken}, answered as {@code {items, _links.next.href}}. The href is relative
 * to the service root and carries the token alone, as the spec's {@code PageLink} example
 * ({@code /connections?continuationToken=...}); the token holds the first page's query, so following
 * the href keeps filters, order and limit, and a client that repeats them with the token (aepp) gets the same.
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

    static ApiResponse list(Map<String, ObjectNode> store, ApiRequest given, String collectionPath) {
        Token token = Token.decode(given.queryParam("continuationToken"));
        ApiRequest request = token.query == null ? given : token.request(given);
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
        int offset = token.offset;
        ObjectNode body = Json.obj();
        ArrayNode items = body.putArray("items");
        int end = Math.min(matching.size(), offset + limit);
        for (int i = offset; i < end; i++) items.add(matching.get(i));
        ObjectNode links = body.putObject("_links");
        if (end < matching.size()) {
            String next = new Token(end, rawQuery(request.query())).text();
            links.putObject("next").put("href", collectionPath + "?continuationToken=" + next);
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

    /** Where the next page starts and the query of the first page (null when no token was sent). */
    private record Token(int offset, String query) {
        static Token decode(String token) {
            if (token == null) return new Token(0, null);
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int newline = decoded.indexOf('\n');
                if (decoded.startsWith("offset:") && newline > 0) {
                    return new Token(Integer.parseInt(decoded.substring(7, newline)), decoded.substring(newline + 1));
                }
            } catch (IllegalArgumentException e) {
                // falls through to the refusal
            }
            throw SERVICE.error(400, "1400", "Invalid continuationToken");
        }

        /** Unpadded base64url: no '=' in the token, so a client splitting the href at '=' still reads it whole. */
        String text() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("offset:" + offset + "\n" + query).getBytes(StandardCharsets.UTF_8));
        }

        /** The first page's query; parameters the client repeats alongside the token take precedence. */
        ApiRequest request(ApiRequest given) {
            Map<String, List<String>> merged = new LinkedHashMap<>(ApiRequest.parseQuery(query));
            merged.putAll(given.query());
            return new ApiRequest(given.method, given.path, rawQuery(merged), given.headers, given.body);
        }
    }

    /** The parameters as a raw query, without any continuation token. */
    private static String rawQuery(Map<String, List<String>> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, values) -> {
            if (name.equals("continuationToken")) return;
            for (String value : values) {
                query.append(query.length() == 0 ? "" : "&").append(encode(name)).append('=').append(encode(value));
            }
        });
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
