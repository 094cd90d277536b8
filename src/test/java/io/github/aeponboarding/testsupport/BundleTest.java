package io.github.aeponboarding.testsupport;

import io.github.aeponboarding.emulator.AepEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;

/** What the bundle's tests share: the property locations of the local profile, folders, the emulator. */
public final class BundleTest {
    /** The local profile's files, highest priority first (as {@code BundleMain} orders them). */
    public static final String LOCAL_PROFILE_1 = "classpath:aep-config/application-local.properties";
    public static final String LOCAL_PROFILE_2 = "classpath:aep-config/application.properties";

    private BundleTest() {
    }

    public static AepEmulator emulator(CamelContext context) {
        return context.getRegistry().lookupByNameAndType("aepEmulator", AepEmulator.class);
    }

    public static AepClient aep(CamelContext context) throws Exception {
        return AepClient.forEmulator(emulator(context).baseUrl());
    }

    /** Deletes a test's working folder, so every run starts from nothing. */
    public static void clean(String dir) throws IOException {
        Path root = Path.of(dir);
        if (Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Number of requests to the Platform's API in the emulator's log (IMS and admin calls excluded). */
    public static long platformCalls(CamelContext context) {
        return emulator(context).requestLog().stream().filter(e -> e.path().startsWith("/data/")).count();
    }
}
