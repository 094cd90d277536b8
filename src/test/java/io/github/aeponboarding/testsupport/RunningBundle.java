package io.github.aeponboarding.testsupport;

import io.github.aeponboarding.aep.AepRetryPolicy;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.RequestLogEntry;
import io.github.aeponboarding.runtime.BundleMain;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.main.Main;

/**
 * The bundle as {@code java -jar ... run} starts it (camel-main, routes/ and config/, local profile),
 * in the test's JVM, with the test's properties on top. Unlike {@code @CamelMainTest} the properties
 * may be computed (an emulator's URL), so a test can point the bundle at an emulator of its own.
 */
public final class RunningBundle implements AutoCloseable {
    private final Main main;
    private final ProducerTemplate producer;

    private RunningBundle(Main main) {
        this.main = main;
        this.producer = main.getCamelContext().createProducerTemplate();
    }

    /** Starts the bundle with the folders under {@code root} and both triggers off unless {@code properties} say otherwise. */
    public static RunningBundle start(String root, Map<String, String> properties) {
        return start(root, properties, Map.of());
    }

    /** ... with beans bound before the routes start (an InterceptStrategy is picked up by camel-main). */
    public static RunningBundle start(String root, Map<String, String> properties, Map<String, Object> beans) {
        Map<String, String> all = new HashMap<>();
        all.put("onboarding.data-dir", root + "/data");
        all.put("onboarding.inbox", root + "/inbox");
        all.put("onboarding.outbox", root + "/outbox");
        all.put("onboarding.deadletter", root + "/deadletter");
        all.put("onboarding.file-min-age-ms", "100");
        all.put("onboarding.file-trigger-enabled", "false");
        all.put("onboarding.jms-trigger-enabled", "false");
        all.put("camel.main.shutdown-timeout", "5");
        // no run in results unless a test asks (RunWatchTest): the other tests count each onboarding's AEP calls
        all.put("onboarding.run-watch-seconds", "-1");
        all.putAll(properties);
        Main main = BundleMain.create(all);
        beans.forEach(main::bind);
        main.start();
        return new RunningBundle(main);
    }

    /** Properties that point the bundle at an emulator of the test's own (with its credentials). */
    public static Map<String, String> at(AepEmulator emulator) {
        return Map.of("aep.base-url", emulator.baseUrl(), "aep.ims-url", emulator.baseUrl(),
                "aep.client-id", emulator.options().clientId(), "aep.client-secret", emulator.options().clientSecret(),
                "aep.org-id", emulator.options().orgId());
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** The in-process emulator the local profile started (null when the bundle uses another one). */
    public AepEmulator emulator() {
        return BundleTest.emulator(context());
    }

    public AepRetryPolicy retryPolicy() {
        return context().getRegistry().lookupByNameAndType("aepRetryPolicy", AepRetryPolicy.class);
    }

    /** One request through the command-line trigger (the same direct:aep-onboard the other triggers run). */
    public Exchange onboard(String name, byte[] request) {
        return producer.send("direct:aep-onboard-file", ex -> {
            ex.getMessage().setBody(request);
            ex.getMessage().setHeader(Exchange.FILE_NAME_ONLY, name);
        });
    }

    /** An interceptor that runs {@code before} in front of the processor with the given id (e.g. {@code call-flow}). */
    public static InterceptStrategy before(String nodeId, Processor before) {
        return (context, definition, target, next) -> nodeId.equals(definition.getId())
                ? ex -> {
                    before.process(ex);
                    target.process(ex);
                }
                : target;
    }

    /** POST requests in a slice of the emulator's log (the writes a step made). */
    public static List<RequestLogEntry> posts(List<RequestLogEntry> log) {
        return log.stream().filter(e -> e.method().equals("POST") && e.path().startsWith("/data/")).toList();
    }

    @Override
    public void close() {
        main.stop();
    }
}
