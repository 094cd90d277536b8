package io.github.aeponboarding.onboarding;

import io.github.aeponboarding.ExchangeContract;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * The bundle's own Prometheus counters, next to Camel's per-route ones (each AEP step is a route,
 * so {@code camel_exchanges_total{routeId="aep-dataset"}} and its timer already count every step's
 * successes, failures and durations): {@code aep_onboardings_total{kind,status}},
 * {@code aep_step_retries_total{step,reason}} and {@code aep_dead_letters_total{trigger}}; and the
 * gauge of each flow's latest run ({@link FlowRunGauge}).
 * Without a meter registry (a runtime without camel-micrometer) they are simply not kept.
 */
public class OnboardingMetrics {
    private final CamelContext context;
    private volatile MeterRegistry registry;
    private final java.util.Map<MeterRegistry, FlowRunGauge> runs = new java.util.concurrent.ConcurrentHashMap<>();

    public OnboardingMetrics(CamelContext context) {
        this.context = context;
    }

    /** Counts a finished onboarding by kind and status; called at the end of direct:aep-onboard. */
    public void result(Exchange ex) {
        io.github.aeponboarding.request.OnboardingRequest r = AepPayloads.request(ex);
        count("aep.onboardings", "Onboardings finished, by kind and status",
                "kind", r == null ? "unknown" : r.kind(), "status", ex.getMessage().getHeader(ExchangeContract.STATUS, "FAILED", String.class));
    }

    public void retry(String step, String reason) {
        count("aep.step.retries", "AEP calls retried, by step and reason", "step", step, "reason", reason);
    }

    /** The latest run of a request's flow, as a run watch or the status read it; nothing when none was read. */
    public void lastRun(Exchange ex) {
        MeterRegistry r = registry();
        com.fasterxml.jackson.databind.JsonNode run = RunWatch.run(ex);
        String flowId = ex.getMessage().getHeader(Step.FLOW.header(), String.class);
        if (r != null && run != null && flowId != null) {
            runs.computeIfAbsent(r, FlowRunGauge::new).set(ex.getProperty(ExchangeContract.SANDBOX, "", String.class),
                    ex.getProperty(ExchangeContract.REQUEST_NAME, String.class), flowId, FlowRunReport.status(run));
        }
    }

    public void deadLetter(String trigger) {
        count("aep.dead.letters", "Requests sent to a dead letter, by trigger", "trigger", trigger);
    }

    private void count(String name, String description, String... tags) {
        MeterRegistry r = registry();
        if (r != null) {
            Counter.builder(name).description(description).tags(tags).register(r).increment();
        }
    }

    private MeterRegistry registry() {
        MeterRegistry r = registry;
        if (r == null) {
            r = context.getRegistry().findSingleByType(MeterRegistry.class);
            registry = r;
        }
        return r;
    }
}
