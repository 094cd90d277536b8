package io.github.aeponboarding.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as a user installs it: from a folder that holds neither routes/ nor config/,
 * with nothing set (the local profile's in-process emulator). Its routes, properties, Jolokia policy
 * and source catalogue all come from the jar.
 */
class JarFromAnyFolderIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path elsewhere;

    @Test
    void the_jar_plans_and_onboards_a_request_from_a_folder_without_routes_or_config() throws Exception {
        Path jar = Path.of("target/aep-source-onboarding.jar").toAbsolutePath();
        Path request = Files.copy(Path.of("examples/payments-stripe.yaml"), elsewhere.resolve("stripe.yaml"));

        for (String action : List.of("plan", "onboard")) {
            Path out = elsewhere.resolve(action + ".out");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-jar", jar.toString(), action, request.getFileName().toString())
                    .directory(elsewhere.toFile()).redirectOutput(out.toFile()).redirectError(new File(elsewhere.toFile(), action + ".err")).start();
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(action + " ended").isTrue();
            String err = Files.readString(elsewhere.resolve(action + ".err"));
            assertThat(p.exitValue()).as(action + ": " + err).isZero();
            JsonNode result = JSON.readTree(Files.readAllLines(out).get(0));
            assertThat(result.path("status").asText()).as(result.toString()).isEqualTo(action.equals("plan") ? "PLANNED" : "CREATED");
        }
        assertThat(elsewhere.resolve("routes")).doesNotExist();
        assertThat(elsewhere.resolve("data")).as("its data folder, where it was run").isDirectory();
    }
}
