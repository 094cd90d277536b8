package io.github.aeponboarding.runtime;

import java.util.Map;
import java.util.Optional;
import org.apache.camel.main.Main;

/**
 * The bundle as a camel-main application: YAML routes from {@code routes/}, properties from
 * {@code config/} (the files next to the working directory win over the copies in the jar), the
 * profile from {@code CAMEL_MAIN_PROFILE} / {@code camel.main.profile} ({@code local} by default).
 */
public final class BundleMain {
    public static final String DEFAULT_PROFILE = "local";

    private BundleMain() {
    }

    public static Main create(Map<String, String> overrides) {
        String profile = profile(overrides);
        Main main = new Main();
        main.configure().addConfiguration(OnboardingConfiguration.class);
        main.configure().setProfile(profile);
        main.setPropertyPlaceholderLocations(locations(profile));
        overrides.forEach(main::addOverrideProperty);
        return main;
    }

    /** Highest priority first (Camel's properties component takes the first location that has a key). */
    public static String locations(String profile) {
        return String.join(",",
                "file:config/application-" + profile + ".properties;optional=true",
                "file:config/management.properties;optional=true",
                "file:config/application.properties;optional=true",
                "classpath:application-" + profile + ".properties;optional=true",
                "classpath:management.properties;optional=true",
                "classpath:application.properties;optional=true");
    }

    public static String profile(Map<String, String> overrides) {
        return Optional.ofNullable(overrides.get("camel.main.profile"))
                .or(() -> Optional.ofNullable(System.getProperty("camel.main.profile")))
                .or(() -> Optional.ofNullable(System.getenv("CAMEL_MAIN_PROFILE")))
                .filter(p -> !p.isBlank())
                .orElse(DEFAULT_PROFILE);
    }
}
