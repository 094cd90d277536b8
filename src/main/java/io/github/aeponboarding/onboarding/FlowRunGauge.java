package io.github.aeponboarding.onboarding;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code aep_flow_last_run{sandbox,request_id,flow_id,status}}: the status of each onboarded flow's
 * latest run, as a state set (the shape of kube-state-metrics' {@code kube_pod_status_phase}): the
 * series of the current status is 1, the flow's other statuses 0, so that
 * {@code aep_flow_last_run{status="failed"} == 1} alerts and {@code sum by (status)} counts flows.
 * A request whose flow was made again (a new flow id) keeps only the new flow's series.
 */
final class FlowRunGauge {
    /** Flow Service's run statuses, each a series from the first report on; any other status AEP gives is added. */
    private static final List<String> STATUSES = List.of(FlowRunReport.IN_PROGRESS, "success", "failed", "partialSuccess");

    private final MeterRegistry registry;
    /** Per sandbox/request: its flow id and one value per status. */
    private final Map<String, Flow> flows = new LinkedHashMap<>();

    private record Flow(String flowId, Map<String, AtomicInteger> statuses, List<Gauge> gauges) {
    }

    FlowRunGauge(MeterRegistry registry) {
        this.registry = registry;
    }

    synchronized void set(String sandbox, String requestId, String flowId, String status) {
        String key = sandbox + "/" + requestId;
        Flow flow = flows.get(key);
        if (flow != null && !flow.flowId().equals(flowId)) {
            flow.gauges().forEach(registry::remove);
            flow = null;
        }
        if (flow == null) {
            flow = new Flow(flowId, new LinkedHashMap<>(), new java.util.ArrayList<>());
            flows.put(key, flow);
            for (String known : STATUSES) add(flow, sandbox, requestId, known);
        }
        String current = status == null ? "unknown" : status;
        if (!flow.statuses().containsKey(current)) add(flow, sandbox, requestId, current);
        flow.statuses().forEach((s, value) -> value.set(s.equals(current) ? 1 : 0));
    }

    private void add(Flow flow, String sandbox, String requestId, String status) {
        AtomicInteger value = new AtomicInteger();
        flow.statuses().put(status, value);
        flow.gauges().add(Gauge.builder("aep.flow.last.run", value, AtomicInteger::get)
                .description("Status of each onboarded flow's latest run (1 = its current status)")
                .tags("sandbox", sandbox, "request_id", requestId, "flow_id", flow.flowId(), "status", status)
                .register(registry));
    }
}
