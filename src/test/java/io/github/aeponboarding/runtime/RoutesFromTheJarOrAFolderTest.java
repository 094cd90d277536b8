package io.github.aeponboarding.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the routes (and files named by the properties) come from: the jar by default, a folder when there is one. */
class RoutesFromTheJarOrAFolderTest {
    @TempDir
    Path workingDir;

    @Test
    void without_a_routes_folder_the_jar_s_copy_of_every_route_file_is_used() throws Exception {
        assertThat(BundleRoutes.includePattern(Map.of(), workingDir)).isEqualTo(BundleRoutes.CLASSPATH);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            List<String> inJar = PluginHelper.getPackageScanResourceResolver(context).findResources(BundleRoutes.CLASSPATH)
                    .stream().map(Resource::getLocation).map(l -> l.substring(l.lastIndexOf('/') + 1)).sorted().toList();
            try (Stream<Path> files = Files.list(Path.of("routes"))) {
                assertThat(inJar).isEqualTo(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".camel.yaml")).sorted().toList());
            }
        }
    }

    @Test
    void a_routes_folder_in_the_working_directory_replaces_the_jar_s_routes() throws Exception {
        Files.createDirectories(workingDir.resolve("routes"));
        Files.writeString(workingDir.resolve("routes/mine.camel.yaml"), "[]");
        assertThat(BundleRoutes.includePattern(Map.of(), workingDir)).isEqualTo("file:" + workingDir.resolve("routes") + "/*.camel.yaml");
    }

    @Test
    void a_routes_folder_without_route_files_leaves_the_jar_s_routes() throws Exception {
        Files.createDirectories(workingDir.resolve("routes"));
        assertThat(BundleRoutes.includePattern(Map.of(), workingDir)).isEqualTo(BundleRoutes.CLASSPATH);
    }

    @Test
    void a_named_folder_is_used_and_a_named_folder_without_routes_stops_the_start_naming_the_key() throws Exception {
        Path mounted = Files.createDirectories(workingDir.resolve("mounted"));
        Files.writeString(mounted.resolve("a.camel.yaml"), "[]");
        assertThat(BundleRoutes.includePattern(Map.of(BundleRoutes.DIR_KEY, mounted.toString()), Path.of("")))
                .isEqualTo("file:" + mounted + "/*.camel.yaml");
        assertThatThrownBy(() -> BundleRoutes.includePattern(Map.of(BundleRoutes.DIR_KEY, "empty"), workingDir))
                .hasMessageContaining("onboarding.routes-dir (env ONBOARDING_ROUTES_DIR)");
    }

    @Test
    void an_explicit_routes_include_pattern_is_taken_as_it_is() {
        assertThat(BundleRoutes.includePattern(Map.of(BundleRoutes.PATTERN_KEY, "file:elsewhere/*.yaml"), workingDir))
                .isEqualTo("file:elsewhere/*.yaml");
    }

    @Test
    void without_a_config_folder_the_jolokia_policy_is_the_jar_s_copy() throws Exception {
        assertThat(BundleMain.withoutConfigFolder(workingDir))
                .containsEntry("camel.beans.jolokia.policyLocation", "classpath:aep-config/jolokia-access.xml");
        assertThat(getClass().getResource("/aep-config/jolokia-access.xml")).isNotNull();
        Files.createDirectories(workingDir.resolve("config"));
        assertThat(BundleMain.withoutConfigFolder(workingDir)).as("config/ next to the working directory wins").isEmpty();
    }
}
