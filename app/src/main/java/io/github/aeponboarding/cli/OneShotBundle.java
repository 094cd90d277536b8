package io.github.aeponboarding.cli;

import io.github.aeponboarding.runtime.BundleMain;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.main.Main;

/**
 * The bundle as the one-shot commands ({@code onboard}, {@code status}) run it: they must not consume
 * the inbox or the request queue of a running bundle (so no broker), nor bind the management port of a
 * long-running bundle on the same machine, nor run the run monitor. They also start nothing that only
 * a long-running bundle serves or reads (see {@link #FAST}): a one-shot run lives for a second or two,
 * and every service it starts is paid for in start-up time.
 */
final class OneShotBundle {
    /**
     * What a long-running bundle needs and a one-shot run does not: metrics nobody can scrape (the
     * Micrometer registry, its route policy and event notifiers, the JVM binders), health checks nobody
     * probes, JMX and its per-processor statistics (no Hawtio attaches), the tracer, the endpoint and
     * in-flight registries behind Hawtio's tabs. The bundle's own counters then keep nothing
     * (OnboardingMetrics without a registry).
     */
    static final Map<String, String> FAST = Map.of(
            "camel.metrics.enabled", "false",
            "camel.health.enabled", "false",
            "camel.main.jmx-enabled", "false",
            "camel.main.tracing", "false",
            "camel.main.tracing-standby", "false",
            "camel.main.endpoint-runtime-statistics-enabled", "false",
            "camel.main.inflight-repository-browse-enabled", "false");

    private OneShotBundle() {
    }

    static Main create(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(Map.of("onboarding.file-trigger-enabled", "false",
                "onboarding.jms-trigger-enabled", "false", "camel.management.enabled", "false",
                "onboarding.run-monitor-enabled", "false"));
        all.putAll(FAST);
        all.putAll(overrides);
        return BundleMain.create(all);
    }
}
