package io.github.aeponboarding.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.bench.CliBench;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.testsupport.BundleTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A one-shot command's stderr: warnings and errors only by default, INFO with {@code --verbose}; its
 * stdout one JSON result per request either way. Through the real command in a JVM of its own, as a
 * user starts it (the main class and the log configuration users get, not the tests' one).
 */
class OneShotLoggingTest {
    private static final String DIR = "target/it/cli-logging";

    @Test
    void one_shot_commands_log_warnings_only_unless_verbose_and_long_running_ones_keep_info() {
        assertThat(CommandLogging.level(List.of("onboard", "a.yaml"))).contains("WARN");
        assertThat(CommandLogging.level(List.of("status", "--json"))).contains("WARN");
        assertThat(CommandLogging.level(List.of("plan", "-v", "a.yaml"))).contains("INFO");
        assertThat(CommandLogging.level(List.of("offboard", "--verbose", "a.yaml"))).contains("INFO");
        assertThat(CommandLogging.level(List.of("onboard", "-vv", "a.yaml"))).contains("DEBUG");
        assertThat(CommandLogging.level(List.of("onboard", "--verbose", "-v", "a.yaml"))).contains("DEBUG");
        assertThat(CommandLogging.level(List.of("onboard", "--", "-v"))).as("a file named -v").contains("WARN");
        assertThat(CommandLogging.level(List.of("run"))).isEmpty();
        assertThat(CommandLogging.level(List.of("emulator", "--port", "0"))).isEmpty();
        assertThat(CommandLogging.level(List.of())).as("the default command: run").isEmpty();
    }

    @Test
    void onboard_prints_no_info_on_stderr_by_default_and_does_with_verbose() throws Exception {
        BundleTest.clean(DIR);
        Files.createDirectories(Path.of(DIR));
        String example = Files.readString(Path.of("examples/crm-salesforce.yaml"));
        try (AepEmulator emulator = AepEmulator.start(EmulatorOptions.builder().runDurationMillis(0).build())) {
            Run quiet = onboard(emulator, example, "logging-quiet");
            assertThat(quiet.exit).as(quiet.toString()).isZero();
            assertThat(quiet.stdout).as("one JSON result").hasSize(1);
            assertThat(new ObjectMapper().readTree(quiet.stdout.get(0)).path("status").asText()).isEqualTo("CREATED");
            assertThat(quiet.stderr).as("stderr by default").noneMatch(l -> l.contains(" INFO ")).noneMatch(l -> l.contains(" DEBUG "));

            Run verbose = onboard(emulator, example, "logging-verbose", "--verbose");
            assertThat(verbose.exit).as(verbose.toString()).isZero();
            assertThat(verbose.stdout).as("stdout unchanged: one JSON result").hasSize(1);
            assertThat(new ObjectMapper().readTree(verbose.stdout.get(0)).path("id").asText()).isEqualTo("logging-verbose");
            assertThat(verbose.stderr).as("stderr with --verbose").anyMatch(l -> l.contains(" INFO "))
                    .noneMatch(l -> l.contains(" DEBUG ")).noneMatch(l -> l.startsWith("{"));
        }
    }

    private record Run(int exit, List<String> stdout, List<String> stderr) {
    }

    private static Run onboard(AepEmulator emulator, String example, String id, String... options) throws Exception {
        Path request = Files.writeString(Path.of(DIR, id + ".yaml"), example.replaceFirst("(?m)^id: .*$", "id: " + id));
        List<String> launcher = CliBench.launcher();
        List<String> command = new ArrayList<>(launcher.subList(0, 1));
        command.addAll(CliBench.FAST_FLAGS);   // a short run: C1 only, as bin/aep starts it
        command.addAll(launcher.subList(1, launcher.size()));
        command.add("onboard");
        command.addAll(List.of(options));
        command.add(request.toString());
        Path out = Path.of(DIR, id + ".out");
        Path err = Path.of(DIR, id + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(".")).redirectOutput(out.toFile()).redirectError(err.toFile());
        EmulatorOptions o = emulator.options();
        builder.environment().putAll(java.util.Map.of("AEP_BASE_URL", emulator.baseUrl(), "AEP_IMS_URL", emulator.baseUrl(),
                "AEP_CLIENT_ID", o.clientId(), "AEP_CLIENT_SECRET", o.clientSecret(), "AEP_ORG_ID", o.orgId(),
                "ONBOARDING_DATA_DIR", DIR + "/data"));
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
    }
}
