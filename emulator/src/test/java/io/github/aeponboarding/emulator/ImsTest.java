package io.github.aeponboarding.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** IMS OAuth Server-to-Server: token issuance, lifetime in seconds, expiry, and the credentials it accepts. */
class ImsTest {

    @Test
    void issues_bearer_tokens_with_expires_in_seconds_that_the_platform_accepts() {
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.defaults())) {
            AepClient client = new AepClient(emulator, "prod");
            Reply token = client.form("/ims/token/v3", "grant_type=client_credentials&client_id=aep-emulator-client"
                    + "&client_secret=aep-emulator-secret&scope=openid,AdobeID,read_organizations");
            assertThat(token.status()).isEqualTo(200);
            assertThat(token.json().get("token_type").asText()).isEqualTo("bearer");
            assertThat(token.json().get("expires_in").asLong()).isEqualTo(86399);
            assertThat(token.json().has("refresh_token")).isFalse();
            AepClient withIt = client.with("Authorization", "Bearer " + token.json().get("access_token").asText());
            assertThat(withIt.get(Tutorials.REGISTRY + "/stats").status()).isEqualTo(200);
        }
    }

    @Test
    void expired_tokens_are_refused_by_the_gateway() throws InterruptedException {
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.builder().tokenTtlSeconds(1).build())) {
            AepClient client = new AepClient(emulator, "prod");
            Reply token = client.form("/ims/token/v3", "grant_type=client_credentials&client_id=aep-emulator-client"
                    + "&client_secret=aep-emulator-secret&scope=openid");
            assertThat(token.json().get("expires_in").asLong()).isEqualTo(1);
            AepClient withIt = client.with("Authorization", "Bearer " + token.json().get("access_token").asText());
            assertThat(withIt.get(Tutorials.FLOWS + "/flowSpecs").status()).isEqualTo(200);
            Thread.sleep(1200);
            ErrorFormatsTest.assertGateway(withIt.get(Tutorials.FLOWS + "/flowSpecs"), 401, "401013");
        }
    }

    @Test
    void accepts_configured_credentials_only_and_parameters_in_the_query_string() {
        EmulatorOptions options = EmulatorOptions.builder().clientId("my-client").clientSecret("my-secret").orgId("ACME@AdobeOrg").build();
        try (AepEmulator emulator = AepEmulator.start(options)) {
            AepClient client = new AepClient(emulator, "dev");
            assertThat(client.get(Tutorials.FLOWS + "/flowSpecs").status()).isEqualTo(200);
            ErrorFormatsTest.assertIms(client.form("/ims/token/v3", "grant_type=client_credentials&client_id=aep-emulator-client"
                    + "&client_secret=aep-emulator-secret&scope=openid"), 400, "invalid_client");
            Reply viaQuery = client.form("/ims/token/v3?grant_type=client_credentials&client_id=my-client&client_secret=my-secret"
                    + "&scope=openid", "");
            assertThat(viaQuery.status()).isEqualTo(200);
            ErrorFormatsTest.assertGateway(client.with("x-gw-ims-org-id", EmulatorOptions.DEFAULT_ORG_ID).get(Tutorials.FLOWS + "/flows"),
                    403, "403025");
            Reply json = client.raw("POST", "/ims/token/v3", "{}", "application/json");
            ErrorFormatsTest.assertIms(json, 400, "invalid_request");
        }
    }
}
