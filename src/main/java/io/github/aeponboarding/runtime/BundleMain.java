package io.github.aeponboarding.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.main.Main;

/**
 * The bundle as a camel-main application: YAML routes from the jar or a folder ({@link BundleRoutes}),
 * properties from {@code config/} next to the working directory over the copies in the jar (under
 * {@code aep-config/}: a host's own {@code application.properties} stays its own), the profile from
 * {@code CAMEL_MAIN_PROFILE} / {@code camel.main.profile} ({@code local} by default).
 */
public final class BundleMain {
    public static final String DEFAULT_PROFILE = "local";
    /** The jar's copy of config/ (pom.xml): a folder of its own, so that no host's file is shadowed or shadows it. */
    public static final String CLASSPATH_CONFIG = "classpath:aep-config/";

    private BundleMain() {
    }

    public static Main create(Map<String, String> overrides) {
        DeserializationWall.install();
        String profile = profile(overrides);
        Main main = new Main();
        main.configure().addConfiguration(OnboardingConfiguration.class);
        main.configure().setProfile(profile);
        main.setPropertyPlaceholderLocations(locations(profile));
        // over config/application.properties, whose pattern names the jar's copy of the routes
        main.addOverrideProperty(BundleRoutes.PATTERN_KEY, BundleRoutes.includePattern(overrides));
        withoutConfigFolder(Path.of("")).forEach(main::addOverrideProperty);
        managementOverrides().forEach(main::addOverrideProperty);
        overrides.forEach(main::addOverrideProperty);
        return main;
    }

    /**
     * Files that properties name as {@code file:config/...} and the jar also carries: without a config/
     * folder (java -jar from any folder) the jar's copies. Today the Jolokia policy, which would otherwise
     * be missing and deny every Jolokia request.
     */
    static Map<String, String> withoutConfigFolder(Path workingDir) {
        return Files.isDirectory(workingDir.resolve("config")) ? Map.of()
                : Map.of("camel.beans.jolokia.policyLocation", CLASSPATH_CONFIG + "jolokia-access.xml");
    }

    /**
     * {@code camel.management.*} from JVM system properties and environment variables
     * ({@code CAMEL_MANAGEMENT_PORT}). Camel 4.18 applies neither to the management server's
     * settings, unlike every other key; operators expect them to work the same way.
     */
    static Map<String, String> managementOverrides() {
        Map<String, String> found = new java.util.TreeMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("CAMEL_MANAGEMENT_")) {
                found.put("camel.management." + name.substring("CAMEL_MANAGEMENT_".length()).toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-'), value);
            }
        });
        System.getProperties().forEach((name, value) -> {
            if (name.toString().startsWith("camel.management.")) {
                found.put(name.toString(), value.toString());
            }
        });
        return found;
    }

    /** Highest priority first (Camel's properties component takes the first location that has a key). */
    public static String locations(String profile) {
        return String.join(",",
                "file:config/application-" + profile + ".properties;optional=true",
                "file:config/management.properties;optional=true",
                "file:config/application.properties;optional=true",
                CLASSPATH_CONFIG + "application-" + profile + ".properties;optional=true",
                CLASSPATH_CONFIG + "management.properties;optional=true",
                CLASSPATH_CONFIG + "application.properties;optional=true");
    }

    public static String profile(Map<String, String> overrides) {
        return Optional.ofNullable(overrides.get("camel.main.profile"))
                .or(() -> Optional.ofNullable(System.getProperty("camel.main.profile")))
                .or(() -> Optional.ofNullable(System.getenv("CAMEL_MAIN_PROFILE")))
                .filter(p -> !p.isBlank())
                .orElse(DEFAULT_PROFILE);
    }
}
