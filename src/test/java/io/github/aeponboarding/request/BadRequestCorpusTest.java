package io.github.aeponboarding.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file under bad-requests/ is rejected on the field and with the reason expected.tsv names. */
class BadRequestCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/bad-requests");
    private static final RequestReader READER = new RequestReader();

    record Case(String file, String field, String reason) {
        @Override
        public String toString() {
            return file;
        }
    }

    static List<Case> cases() throws IOException {
        return Files.readAllLines(CORPUS.resolve("expected.tsv"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t", -1))
                .map(cols -> new Case(cols[0], cols[1], cols[2]))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedWithItsFieldAndReason(Case c) throws IOException {
        byte[] content = Files.readAllBytes(CORPUS.resolve(c.file()));

        Throwable thrown = catchThrowable(() -> READER.read(content, c.file()));

        assertThat(thrown).isExactlyInstanceOf(InvalidRequestException.class);
        List<Problem> problems = ((InvalidRequestException) thrown).problems();
        assertThat(problems)
                .as("problems of %s", c.file())
                .anySatisfy(p -> {
                    assertThat(p.field()).isEqualTo(c.field());
                    assertThat(p.reason()).contains(c.reason());
                });
    }

    @Test
    void corpus_has_at_least45_indexed_files_and_no_stray_ones() throws IOException {
        Set<String> indexed = cases().stream().map(Case::file).collect(Collectors.toSet());
        Set<String> present;
        try (Stream<Path> files = Files.list(CORPUS)) {
            present = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("expected.tsv")).collect(Collectors.toSet());
        }
        assertThat(indexed).hasSizeGreaterThanOrEqualTo(45).isEqualTo(present);
    }

    @Test
    void oversized_content_is_rejected_before_parsing() {
        byte[] big = new byte[RequestReader.DEFAULT_MAX_BYTES + 1];
        Arrays.fill(big, (byte) '{'); // would be a nesting bomb if it were parsed

        Throwable thrown = catchThrowable(() -> READER.read(big, "big.json"));

        assertThat(thrown).isExactlyInstanceOf(InvalidRequestException.class);
        assertThat(((InvalidRequestException) thrown).problems())
                .containsExactly(new Problem("$", "is " + big.length + " bytes, over the " + RequestReader.DEFAULT_MAX_BYTES + "-byte limit"));
    }

    @Test
    void oversized_string_is_rejected_without_encoding_it() {
        RequestReader small = new RequestReader(1024);

        Throwable thrown = catchThrowable(() -> small.read("x".repeat(2000), "big.yaml"));

        assertThat(thrown).isExactlyInstanceOf(InvalidRequestException.class).hasMessageContaining("1024-byte limit");
    }

    @Test
    void limit_counts_utf8_bytes_not_characters() {
        RequestReader small = new RequestReader(1024);
        String accents = "id: " + "é".repeat(600) + "\n"; // 600 characters, 1200 bytes

        Throwable thrown = catchThrowable(() -> small.read(accents, "accents.yaml"));

        assertThat(((InvalidRequestException) thrown).problems().get(0).reason()).contains("over the 1024-byte limit");
    }
}
