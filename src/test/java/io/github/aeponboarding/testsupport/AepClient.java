package io.github.aeponboarding.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads an AEP (the emulator) through its public API, as a user with curl would: the tests check
 * what the bundle created by asking AEP, not by trusting the bundle's own answer.
 */
public final class AepClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String baseUrl;
    private final String clientId;
    private final String orgId;
    private final String sandbox;
    private final String token;

    public AepClient(String baseUrl, String clientId, String clientSecret, String orgId, String sandbox) throws Exception {
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.orgId = orgId;
        this.sandbox = sandbox;
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret) + "&scope=openid";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/ims/token/v3"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("IMS refused the test's credentials: " + answer.body());
        }
        this.token = mapper.readTree(answer.body()).path("access_token").asText();
    }

    /** The emulator's default credentials, sandbox {@code prod}. */
    public static AepClient forEmulator(String baseUrl) throws Exception {
        return new AepClient(baseUrl, "aep-emulator-client", "aep-emulator-secret", "EMULATOR00000000000000000@AdobeOrg", "prod");
    }

    /** GET a platform path (below /data/foundation); fails the test unless AEP answers 200. */
    public JsonNode get(String path, String accept) throws Exception {
        HttpResponse<String> answer = send(path, accept);
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return mapper.readTree(answer.body());
    }

    /** DELETE a platform path; the status AEP answered. */
    public int delete(String path) throws Exception {
        return http.send(authorized(path)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** POST without a body (a Flow Service action, e.g. {@code /flows/{id}/action?op=DISABLE}); the status AEP answered. */
    public int post(String path) throws Exception {
        return http.send(authorized(path)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    public int status(String path, String accept) throws Exception {
        return send(path, accept).statusCode();
    }

    public JsonNode get(String path) throws Exception {
        return get(path, "application/json");
    }

    /** A Schema Registry resource by its {@code $id}, in full. */
    public JsonNode schemaRegistry(String kind, String id) throws Exception {
        return get("/data/foundation/schemaregistry/tenant/" + kind + "/" + enc(id), "application/vnd.adobe.xed-full+json; version=1");
    }

    private HttpResponse<String> send(String path, String accept) throws Exception {
        return http.send(authorized(path)
                .header("Accept", accept)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request to a platform path with AEP's headers (the test's token, key, org and sandbox). */
    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("x-api-key", clientId)
                .header("x-gw-ims-org-id", orgId)
                .header("x-sandbox-name", sandbox);
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
