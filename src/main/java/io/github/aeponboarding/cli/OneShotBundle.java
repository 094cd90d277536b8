package io.github.aeponboarding.cli;

import io.github.aeponboarding.runtime.BundleMain;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.main.Main;

/**
 * The bundle as the one-shot commands ({@code onboard}, {@code status}) run it: they must not consume
 * the inbox or the request queue of a running bundle (so no broker), nor bind the management port of a
 * long-running bundle on the same machine, nor run the run monitor.
 */
final class OneShotBundle {
    private OneShotBundle() {
    }

    static Main create(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(Map.of("onboarding.file-trigger-enabled", "false",
                "onboarding.jms-trigger-enabled", "false", "camel.management.enabled", "false",
                "onboarding.run-monitor-enabled", "false"));
        all.putAll(overrides);
        return BundleMain.create(all);
    }
}
