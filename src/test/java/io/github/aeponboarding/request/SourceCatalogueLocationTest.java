package io.github.aeponboarding.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source catalogue comes from the jar, unless config/sources.yaml next to the working directory corrects it. */
class SourceCatalogueLocationTest {
    private static final String STRIPE = "cc2c31d6-7b8c-4581-b49f-5c8698aa3ab3";

    @TempDir
    Path workingDir;

    @Test
    void without_a_config_folder_the_catalogue_is_the_jar_s_copy() {
        assertThat(SourceCatalogue.load(workingDir).bySpec(STRIPE)).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("Stripe"));
    }

    @Test
    void a_catalogue_in_config_next_to_the_working_directory_wins() throws Exception {
        String corrected = Files.readString(Path.of("config", SourceCatalogue.RESOURCE)).replace("name: Stripe", "name: Stripe (corrected)");
        Files.writeString(Files.createDirectories(workingDir.resolve("config")).resolve(SourceCatalogue.RESOURCE), corrected);

        assertThat(SourceCatalogue.load(workingDir).bySpec(STRIPE)).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("Stripe (corrected)"));
    }
}
