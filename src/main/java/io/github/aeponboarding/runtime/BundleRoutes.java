package io.github.aeponboarding.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the bundle's YAML routes come from. The jar carries them under {@code aep-routes/} (a classpath
 * folder no host uses), so {@code java -jar} works from any folder. A folder overrides them as a whole
 * (never file by file: a stale copy next to newer files would start two routes with one id): the
 * folder {@code onboarding.routes-dir} names, or {@code routes/} in the working directory when it holds
 * routes (a checkout, the container image, the ConfigMap the Deployment mounts at /deployments/routes).
 */
public final class BundleRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(BundleRoutes.class);
    /** The routes in the jar (pom.xml copies routes/*.camel.yaml there). */
    public static final String CLASSPATH = "classpath:aep-routes/*.camel.yaml";
    public static final String PATTERN_KEY = "camel.main.routes-include-pattern";
    public static final String DIR_KEY = "onboarding.routes-dir";
    public static final String DIR_ENV = "ONBOARDING_ROUTES_DIR";
    static final String DEFAULT_DIR = "routes";

    private BundleRoutes() {
    }

    /**
     * camel-main's {@code routes-include-pattern} for these overrides, system properties and environment;
     * one given there explicitly ({@code CAMEL_MAIN_ROUTES_INCLUDE_PATTERN}) is taken as it is.
     */
    public static String includePattern(Map<String, String> overrides) {
        return includePattern(overrides, Path.of(""));
    }

    /** ... with relative folders resolved against {@code workingDir} (the process's own: the empty path). */
    static String includePattern(Map<String, String> overrides, Path workingDir) {
        Optional<String> explicit = setting(overrides, PATTERN_KEY, "CAMEL_MAIN_ROUTES_INCLUDE_PATTERN");
        if (explicit.isPresent()) {
            return explicit.get();
        }
        Optional<String> named = setting(overrides, DIR_KEY, DIR_ENV);
        Path dir = workingDir.resolve(named.orElse(DEFAULT_DIR));
        String pattern;
        if (holdsRoutes(dir)) {
            pattern = "file:" + dir.toString().replace('\\', '/') + "/*.camel.yaml";
        } else if (named.isPresent()) {
            // a folder someone named on purpose: starting with other routes than theirs would hide the mistake
            throw new IllegalStateException(DIR_KEY + " (env " + DIR_ENV + ") = " + dir.toAbsolutePath()
                    + ": no *.camel.yaml files there");
        } else {
            pattern = CLASSPATH;
        }
        LOG.info("Routes: {}", pattern);
        return pattern;
    }

    private static Optional<String> setting(Map<String, String> overrides, String key, String env) {
        return Optional.ofNullable(overrides.get(key))
                .or(() -> Optional.ofNullable(System.getProperty(key)))
                .or(() -> Optional.ofNullable(System.getenv(env)))
                .map(String::trim).filter(d -> !d.isEmpty());
    }

    private static boolean holdsRoutes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".camel.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the routes folder " + dir.toAbsolutePath(), e);
        }
    }
}
