package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Schema Registry paging: {@code orderby} (default {@code title}, {@code -} for descending), {@code start}
 * = the sort value after which (or before which, descending) the page begins, {@code limit} a hint of
 * 1..500. The spec says {@code start} and {@code limit} need {@code orderby}, but the registry pages by
 * its default order without one: aepp has always sent {@code limit} alone and then {@code start} from
 * {@code _page.next} (schema.py getSchemas and the like), and {@code _page.orderby} names the order used.
 * The answer carries {@code _page.next} (the {@code start} of the next page, null on the last) and
 * {@code _links.next}, a URI string or null (the spec's {@code linksBasic} and the registry guides' examples).
 */
final class XdmPaging {
    static final int DEFAULT_LIMIT = 300;
    private static final Service SERVICE = Service.SCHEMA_REGISTRY;

    private XdmPaging() {
    }

    static ObjectNode page(List<ObjectNode> items, ApiRequest request, Function<ObjectNode, ObjectNode> view) {
        String orderBy = request.queryParam("orderby");
        String start = request.queryParam("start");
        String limitText = request.queryParam("limit");
        String effectiveOrder = orderBy == null || orderBy.isBlank() ? "title" : orderBy.trim();
        boolean descending = effectiveOrder.startsWith("-");
        String field = effectiveOrder.replaceFirst("^[+\\- ]", "").split(",")[0];
        int limit = limit(limitText);
        List<ObjectNode> sorted = new ArrayList<>(items);
        Comparator<ObjectNode> order = Comparator.comparing(x -> key(x, field));
        sorted.sort(descending ? order.reversed() : order);
        if (start != null) {
            sorted.removeIf(x -> descending ? key(x, field).compareTo(start) >= 0 : key(x, field).compareTo(start) <= 0);
        }
        List<ObjectNode> pageItems = sorted.subList(0, Math.min(limit, sorted.size()));
        boolean more = sorted.size() > pageItems.size();
        ObjectNode body = Json.obj();
        ArrayNode results = body.putArray("results");
        pageItems.forEach(x -> results.add(view.apply(x)));
        ObjectNode pageInfo = body.putObject("_page").put("orderby", effectiveOrder).put("count", pageItems.size());
        ObjectNode links = body.putObject("_links");
        if (more) {
            String next = key(pageItems.get(pageItems.size() - 1), field);
            pageInfo.put("next", next);
            links.put("next", SERVICE.prefix + request.path.substring(SERVICE.prefix.length())
                    + "?orderby=" + encode(effectiveOrder) + "&start=" + encode(next) + "&limit=" + limit
                    + filters(request));
        } else {
            pageInfo.putNull("next");
            links.putNull("next");
        }
        return body;
    }

    private static String filters(ApiRequest request) {
        StringBuilder query = new StringBuilder();
        for (String property : request.queryParams("property")) query.append("&property=").append(encode(property));
        return query.toString();
    }

    private static int limit(String text) {
        if (text == null) return DEFAULT_LIMIT;
        try {
            int value = (int) Double.parseDouble(text);
            if (value >= 1 && value <= 500) return value;
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw SERVICE.error(400, "1000", "limit must be a number between 1 and 500: " + text);
    }

    private static String key(JsonNode item, String field) {
        List<JsonNode> values = Json.valuesAt(item, field);
        return values.isEmpty() ? "" : values.get(0).asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
