package io.github.aeponboarding.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** HTTP calls to a management server on localhost: Jolokia requests as a browser or a script would send them. */
public record ManagementCalls(int port) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A JSON Jolokia request by a script (no Origin): the reply's JSON, HTTP status in {@code http}. */
    public JsonNode jolokia(String login, String body) throws Exception {
        HttpResponse<String> reply = post(login, null, "application/json", body);
        JsonNode json = reply.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(reply.body());
        return json.isObject() ? ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("http", reply.statusCode()) : json;
    }

    /** A POST to Jolokia as a browser sends it: {@code origin} null means none. */
    public HttpResponse<String> post(String login, String origin, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/observe/jolokia"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request, login);
    }

    public HttpResponse<String> get(String path, String login, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request, login);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String login) throws Exception {
        if (login != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code {"type":"exec",...}} with the arguments as JSON text (e.g. {@code "\"direct:x\", null"}). */
    public static String exec(String mbean, String operation, String arguments) {
        return "{\"type\":\"exec\",\"mbean\":\"" + mbean.replace("\"", "\\\"") + "\",\"operation\":\"" + operation
                + "\",\"arguments\":[" + arguments + "]}";
    }

    public static String read(String mbean, String attribute) {
        return "{\"type\":\"read\",\"mbean\":\"" + mbean.replace("\"", "\\\"") + "\",\"attribute\":\"" + attribute + "\"}";
    }
}
