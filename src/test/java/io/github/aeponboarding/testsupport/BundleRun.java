package io.github.aeponboarding.testsupport;

import io.github.aeponboarding.runtime.BundleMain;
import java.util.Map;

/**
 * The bundle's long-running mode ({@code run}) in a JVM of its own, on the library's test class path:
 * what the application's {@code Application run} does, without the command line (module app).
 */
public final class BundleRun {
    private BundleRun() {
    }

    public static void main(String[] args) throws Exception {
        BundleMain.create(Map.of()).run();
    }
}
