package io.github.aeponboarding.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever arrives, the reader answers with a request or an InvalidRequestException, never another exception. */
class GarbageInputTest {
    private static final RequestReader READER = new RequestReader();

    @Test
    void every_truncation_of_the_examples_is_read_or_rejected_cleanly() throws IOException {
        byte[] yaml = Files.readAllBytes(Path.of("examples/payments-paypal.yaml"));
        byte[] json = new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(yaml));

        for (int end = 0; end < yaml.length; end += 3) {
            assertReadOrRejected(Arrays.copyOf(yaml, end), "cut.yaml");
        }
        for (int end = 0; end < json.length; end += 3) {
            assertReadOrRejected(Arrays.copyOf(json, end), "cut.json");
        }
    }

    @Test
    void random_bytes_and_odd_yaml_are_rejected_cleanly() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            assertReadOrRejected(noise, i % 2 == 0 ? "noise.yaml" : null);
        }
        for (String odd : new String[] {"? [a, b]\n: c\n", "!!set {a, b}\n", "%YAML 1.1\n--- {a: 1}\n", "a: !!int x\n",
                "<<: {id: abc}\n", "[1, 2", "{\"id\": \"\\ud800\"}", "...\n", "- a\n- b\n", "id: 1e400\n"}) {
            assertReadOrRejected(odd.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    private static void assertReadOrRejected(byte[] content, String name) {
        Throwable thrown = catchThrowable(() -> READER.read(content, name));
        if (thrown != null) {
            assertThat(thrown).as("reading %s", new String(content, StandardCharsets.UTF_8)).isExactlyInstanceOf(InvalidRequestException.class);
            assertThat(((InvalidRequestException) thrown).problems()).isNotEmpty();
        }
    }
}
