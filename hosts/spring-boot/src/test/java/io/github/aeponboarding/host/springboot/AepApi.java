package io.github.aeponboarding.host.springboot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.emulator.EmulatorOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** AEP's public API as a user reaches it (IMS token, then GET): the test asks AEP, not the bundle. */
final class AepApi {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String baseUrl;
    private final EmulatorOptions options;
    private final String token;

    private AepApi(String baseUrl, EmulatorOptions options, String token) {
        this.baseUrl = baseUrl;
        this.options = options;
        this.token = token;
    }

    static AepApi login(String baseUrl, EmulatorOptions options) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + enc(options.clientId())
                + "&client_secret=" + enc(options.clientSecret()) + "&scope=openid";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/ims/token/v3"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError("IMS refused the emulator's credentials: " + answer.body());
        }
        return new AepApi(baseUrl, options, new ObjectMapper().readTree(answer.body()).path("access_token").asText());
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("x-api-key", options.clientId())
                .header("x-gw-ims-org-id", options.orgId())
                .header("x-sandbox-name", "prod")
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return mapper.readTree(answer.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
