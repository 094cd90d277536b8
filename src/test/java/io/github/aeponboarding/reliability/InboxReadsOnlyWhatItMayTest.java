package io.github.aeponboarding.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The inbox reads regular files within the size limit only, and the dead letter never loses or
 * exposes one: links and oversized files are refused unread, failures of the same name are all
 * kept, and what the bundle writes is readable by its own user only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxReadsOnlyWhatItMayTest {
    private static final Path ROOT = Path.of("target/it/inbox-entries");
    private static final int LIMIT = 4096;
    private final ObjectMapper json = new ObjectMapper();
    private RunningBundle bundle;
    private Path inbox;
    private Path deadLetter;

    @BeforeAll
    void start() throws Exception {
        BundleTest.clean(ROOT.toString());
        bundle = RunningBundle.start(ROOT.toString(), Map.of("onboarding.file-trigger-enabled", "true",
                "onboarding.max-request-bytes", String.valueOf(LIMIT)));
        inbox = Files.createDirectories(ROOT.resolve("inbox"));
        deadLetter = ROOT.resolve("deadletter");
    }

    @AfterAll
    void stop() {
        bundle.close();
    }

    @Test
    void a_symbolic_link_is_refused_without_reading_its_target() throws Exception {
        Path secret = Files.writeString(Files.createDirectories(ROOT.resolve("elsewhere")).resolve("secret.json"), "{\"top\":\"SECRET-42\"}");
        Files.createSymbolicLink(inbox.resolve("link.json"), secret.toAbsolutePath());

        JsonNode failure = failure("link.json");
        assertThat(failure.path("problems").path(0).asText()).contains("not a symbolic link").contains("not read");
        assertThat(deadLetter.resolve("link.json")).as("no copy of the target").doesNotExist();
        assertThat(Files.isSymbolicLink(inbox.resolve(".error/link.json"))).as("the link itself, kept").isTrue();
        try (Stream<Path> written = Files.walk(ROOT.resolve("deadletter"))) {
            for (Path p : written.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(p)).doesNotContain("SECRET-42");
            }
        }
    }

    @Test
    void a_file_over_the_limit_is_refused_unread_naming_the_limit() throws Exception {
        Files.write(inbox.resolve("huge.json"), new byte[LIMIT + 1]);

        JsonNode failure = failure("huge.json");
        assertThat(failure.path("problems").path(0).asText()).contains((LIMIT + 1) + " bytes").contains(LIMIT + "-byte limit")
                .contains("onboarding.max-request-bytes");
        assertThat(deadLetter.resolve("huge.json")).doesNotExist();
        assertThat(inbox.resolve(".error/huge.json")).as("the original, kept").hasSize(LIMIT + 1);
    }

    @Test
    void two_failures_of_one_name_are_both_kept_and_only_the_bundle_user_reads_them() throws Exception {
        byte[] first = Requests.example("crm", "same-name-1", r -> r.with("schedule").put("interval", 5));
        byte[] second = Requests.example("crm", "same-name-2", r -> r.with("schedule").put("interval", 6));
        Files.write(inbox.resolve("same.json"), first);
        failure("same.json");
        // the second drop comes after the first file has left the inbox (the failure document is written
        // before the file is moved to .error): written sooner, it would be the file that move takes
        await().atMost(Duration.ofSeconds(60)).until(() -> !Files.exists(inbox.resolve("same.json")));
        Files.write(inbox.resolve("same.json"), second);
        await().atMost(Duration.ofSeconds(60)).until(() -> failures("same.json").size() == 2);

        List<Path> failures = failures("same.json");
        assertThat(failures.stream().map(p -> read(p).path("message").asText()))
                .anySatisfy(m -> assertThat(m).contains("(got 5)")).anySatisfy(m -> assertThat(m).contains("(got 6)"));
        try (Stream<Path> originals = Files.list(deadLetter)) {
            assertThat(originals.filter(p -> p.getFileName().toString().startsWith("same.json") && !p.toString().endsWith(".failure.json"))
                    .map(p -> new String(bytes(p), java.nio.charset.StandardCharsets.UTF_8)))
                    .as("both originals, byte for byte").containsExactlyInAnyOrder(new String(first, java.nio.charset.StandardCharsets.UTF_8),
                            new String(second, java.nio.charset.StandardCharsets.UTF_8));
        }
        for (Path p : failures) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS))).isEqualTo("rw-------");
        }
    }

    private JsonNode failure(String name) throws Exception {
        Path doc = deadLetter.resolve(name + ".failure.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(doc));
        return json.readTree(doc.toFile());
    }

    private List<Path> failures(String name) throws Exception {
        if (!Files.isDirectory(deadLetter)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(deadLetter)) {
            return files.filter(p -> p.getFileName().toString().startsWith(name) && p.toString().endsWith(".failure.json")).toList();
        }
    }

    private JsonNode read(Path p) {
        try {
            return json.readTree(p.toFile());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
