package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request read off the wire: method, raw path, decoded query parameters, headers and body. */
final class ApiRequest {
    final String method;
    final String path;
    final String rawQuery;
    final Headers headers;
    final byte[] body;
    private final Map<String, List<String>> query;
    private JsonNode json;

    /** Set by the gateway once the caller is authenticated. */
    String sandbox;
    String clientId;

    ApiRequest(String method, String path, String rawQuery, Headers headers, byte[] body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path;
        this.rawQuery = rawQuery;
        this.headers = headers;
        this.body = body;
        this.query = parseQuery(rawQuery);
    }

    String pathAndQuery() {
        return rawQuery == null ? path : path + "?" + rawQuery;
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    List<String> queryParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    /**
     * An integer query parameter within {@code min..max}; absent, it is {@code fallback}, or a 400 in the
     * service's format when {@code fallback} is null (a required parameter).
     */
    int intParam(String name, Integer fallback, int min, int max, Service service) {
        String text = queryParam(name);
        if (text == null) {
            if (fallback == null) throw service.error(400, "1400", name + " is a required query parameter");
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) return value;
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw service.error(400, "1400", name + " must be an integer within " + min + ".." + max + ": " + text);
    }

    Map<String, List<String>> query() {
        return query;
    }

    boolean hasBody() {
        return body.length > 0;
    }

    boolean isWrite() {
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; a body that does not parse is the caller's 400 in its service's format. */
    JsonNode json(Service service) {
        if (json == null) {
            if (!hasBody()) throw service.error(400, "1400", "A request body is required");
            try {
                json = Json.parse(body);
            } catch (IOException e) {
                throw service.error(400, "1400", "The request body is not valid JSON: " + firstLine(e.getMessage()));
            }
        }
        return json;
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * Splits at '&' and the first '='; percent-decodes but keeps '+' literal, because Flow Service
     * uses {@code orderby=+createdAt} and filter values are sent %-encoded, not form-encoded.
     */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return result;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) return text;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && isHex(text, i + 1)) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String text, int at) {
        return at + 1 < text.length() && Character.digit(text.charAt(at), 16) >= 0
                && Character.digit(text.charAt(at + 1), 16) >= 0;
    }
}
