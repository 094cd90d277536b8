package io.github.aeponboarding.testsupport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping the servers and JVMs a test started, so that none outlives it. */
public final class Processes {
    private Processes() {
    }

    /** SIGTERM (a clean shutdown), SIGKILL when it takes longer than {@code grace}; an interrupt kills at once. */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
