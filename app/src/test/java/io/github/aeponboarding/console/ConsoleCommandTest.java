package io.github.aeponboarding.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

class ConsoleCommandTest {

    private static ConsoleCommand parse(String... args) {
        ConsoleCommand command = new ConsoleCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void connection_comes_from_the_jolokia_url() {
        JsonNode con = parse("--jolokia-url", "https://aep.example.org/observe/jolokia", "--connection-name", "prod").connection();
        assertThat(con.path("name").asText()).isEqualTo("prod");
        assertThat(con.path("id").asText()).isEqualTo("prod");
        assertThat(con.path("scheme").asText()).isEqualTo("https");
        assertThat(con.path("host").asText()).isEqualTo("aep.example.org");
        assertThat(con.path("port").asInt()).isEqualTo(443);
        assertThat(con.path("path").asText()).isEqualTo("/observe/jolokia");
    }

    @Test
    void defaults_point_at_the_local_bundle() {
        ConsoleCommand command = parse();
        assertThat(command.port).isEqualTo(8080);
        assertThat(command.connection().path("port").asInt()).isEqualTo(9876);
        assertThat(command.authentication).isFalse();
        assertThat(command.allowlist()).containsExactly("localhost", "127.0.0.1");
    }

    @Test
    void proxy_allowlist_adds_the_bundle_host_and_the_options() {
        assertThat(parse("--jolokia-url", "http://aep-onboarding:9876/observe/jolokia", "--proxy-allowlist", "a.example, r:pod-.*").allowlist())
                .containsExactly("localhost", "127.0.0.1", "aep-onboarding", "a.example", "r:pod-.*");
    }

    @Test
    void connect_page_escapes_the_connection_name() {
        String html = parse("--connection-name", "</script><b>").connectPageHtml();
        assertThat(html).doesNotContain("</script><b>").contains("connect.connections");
    }

    @Test
    void war_is_found_without_options() {
        // target/classes -> target/hawtio/hawtio-default.war after `mvn package`, else the local Maven repository
        assertThat(parse().locateWar()).isPresent();
        assertThat(parse("--war", "no/such.war").locateWar()).isEmpty();
    }

    @Test
    @Timeout(60)
    void serves_hawtio_with_its_own_jolokia_despite_ours_on_the_class_path() throws Exception {
        ConsoleCommand command = parse("--port", "0");
        Path war = command.locateWar().orElseThrow();
        command.start(war);
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = command.consoleUrl();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("/hawtio/camel/routes?con=aep-onboarding");
            // the WAR's Jolokia 2.1.1 answers: with our 2.5.0 visible to the webapp this is a ClassCastException
            HttpResponse<String> version = http.send(HttpRequest.newBuilder(URI.create(base + "hawtio/jolokia/version"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = new ObjectMapper().readTree(version.body());
            assertThat(json.path("status").asInt()).as(version.body()).isEqualTo(200);
            assertThat(json.path("value").path("agent").asText()).startsWith("2.1.");
        } finally {
            command.stop();
        }
    }
}
