package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small real-HTTP client for the tests: obtains an IMS token and sends the four AEP headers (plus
 * Content-Type on bodies) unless a test removes or overrides them.
 */
final class AepClient {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String XED_ID = "application/vnd.adobe.xed-id+json";
    static final String XED_FULL = "application/vnd.adobe.xed-full+json; version=1";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();

    AepClient(AepEmulator emulator, String sandbox) {
        this.baseUrl = emulator.baseUrl();
        EmulatorOptions options = emulator.options();
        headers.put("Authorization", "Bearer " + token(options.clientId(), options.clientSecret()));
        headers.put("x-api-key", options.clientId());
        headers.put("x-gw-ims-org-id", options.orgId());
        headers.put("x-sandbox-name", sandbox);
    }

    private AepClient(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers.putAll(headers);
    }

    /** A copy with one header changed; a null value removes it. */
    AepClient with(String name, String value) {
        AepClient copy = new AepClient(baseUrl, headers);
        if (value == null) copy.headers.remove(name);
        else copy.headers.put(name, value);
        return copy;
    }

    String token(String clientId, String secret) {
        Reply reply = form("/ims/token/v3", "grant_type=client_credentials&client_id=" + enc(clientId)
                + "&client_secret=" + enc(secret) + "&scope=" + enc("openid,AdobeID,read_organizations"));
        if (reply.status() != 200) throw new IllegalStateException("no token: " + reply);
        return reply.json().get("access_token").asText();
    }

    Reply form(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request);
    }

    Reply get(String path) {
        return send(builder(path).GET().build());
    }

    /** A Schema Registry GET with its Accept header. */
    Reply get(String path, String accept) {
        return send(builder(path).header("Accept", accept).GET().build());
    }

    Reply delete(String path) {
        return send(builder(path).DELETE().build());
    }

    Reply post(String path, Object body) {
        return withBody("POST", path, body);
    }

    Reply put(String path, Object body) {
        return withBody("PUT", path, body);
    }

    Reply patch(String path, Object body, String ifMatch) {
        HttpRequest.Builder builder = builder(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(text(body)));
        if (ifMatch != null) builder.header("If-Match", ifMatch);
        return send(builder.build());
    }

    /** A body sent exactly as given, Content-Type included only when {@code contentType} is not null. */
    Reply raw(String method, String path, String body, String contentType) {
        HttpRequest.Builder builder = builder(path).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) builder.header("Content-Type", contentType);
        return send(builder.build());
    }

    private Reply withBody(String method, String path, Object body) {
        return raw(method, path, text(body), "application/json");
    }

    HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(builder::header);
        return builder;
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return Reply.of(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends and returns the I/O failure instead of throwing it: for the fault tests. */
    IOException failure(HttpRequest request) {
        try {
            http.send(request, HttpResponse.BodyHandlers.ofString());
            return null;
        } catch (IOException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Object body) {
        if (body instanceof String s) return s;
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
