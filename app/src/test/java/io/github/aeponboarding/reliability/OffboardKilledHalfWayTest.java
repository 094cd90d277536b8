package io.github.aeponboarding.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.AepInventory;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Requests;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code offboard} command, a process of its own, killed with SIGKILL after its second DELETE
 * (AEP answers each call 300 ms later, so five are still to come): run again, it finishes; AEP keeps
 * only what offboard never deletes (the mapping set, the sandbox's base connection).
 */
class OffboardKilledHalfWayTest {
    private static final String ROOT = "target/it/offboard-killed";
    private static final String ID = "offboard-killed";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void an_offboard_killed_half_way_and_run_again_finishes() throws Exception {
        BundleTest.clean(ROOT);
        Path request = Files.createDirectories(Path.of(ROOT)).resolve(ID + ".json");
        Files.write(request, Requests.example("crm", ID));
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.defaults().toBuilder().latencyMillis(300).build())) {
            AepClient aep = AepClient.forEmulator(emulator.baseUrl());
            Process onboard = command(emulator, "onboard", "--run-watch-seconds", "-1", request.toString());
            assertThat(onboard.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(onboard.exitValue()).as(log("onboard")).isZero();

            Process offboard = command(emulator, "offboard", request.toString());
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10))
                    .until(() -> deletes(emulator) >= 2 || !offboard.isAlive());
            offboard.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // SIGKILL: no shutdown hook
            Map<String, Integer> afterKill = AepInventory.of(aep, ID, "crm");
            assertThat(afterKill).as("the kill came half way: " + log("offboard")).containsEntry("flow", 0).containsEntry("dataset", 1);

            Process again = command(emulator, "offboard", request.toString());
            assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
            // the result is the one JSON line on stdout (the tests' log configuration writes there too)
            JsonNode finished = JSON.readTree(Files.readAllLines(Path.of(ROOT, "offboard.out")).stream()
                    .filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
            assertThat(again.exitValue()).as(finished.toString()).isZero();
            assertThat(finished.path("status").asText()).isEqualTo("OFFBOARDED");
            assertThat(AepInventory.of(aep, ID, "crm")).allSatisfy((kind, n) ->
                    assertThat(n).as(kind).isEqualTo(kind.equals("mappingSet") ? 1 : 0));
            assertThat(emulator.requestLog()).as("each resource deleted once").filteredOn(e -> e.method().equals("DELETE") && e.status() < 300)
                    .hasSize(7);
        }
    }

    private static long deletes(AepEmulator emulator) {
        return emulator.requestLog().stream().filter(e -> e.method().equals("DELETE") && e.status() < 300).count();
    }

    /** {@code java ... Application <args>} in the project folder, output to ROOT/<command>.out, its log to ROOT/<command>.log. */
    private static Process command(AepEmulator emulator, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                "-Dlog4j2.configurationFile=src/test/resources/log4j2-test.properties",
                "-Daep.base-url=" + emulator.baseUrl(), "-Daep.ims-url=" + emulator.baseUrl(),
                "-Daep.client-id=" + emulator.options().clientId(), "-Daep.org-id=" + emulator.options().orgId(),
                "-Donboarding.data-dir=" + ROOT + "/data", "io.github.aeponboarding.Application"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File("."))
                .redirectOutput(new File(ROOT + "/" + args[0] + ".out")).redirectError(new File(ROOT + "/" + args[0] + ".log"));
        builder.environment().put("AEP_CLIENT_SECRET", emulator.options().clientSecret());   // not on the command line
        return builder.start();
    }

    private static String log(String command) {
        try {
            return Files.readString(Path.of(ROOT, command + ".log"));
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
