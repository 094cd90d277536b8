package io.github.aeponboarding.bench;

import io.github.aeponboarding.aep.AepRetryPolicy;
import io.github.aeponboarding.aep.ImsTokenCache;
import io.github.aeponboarding.emulator.AepEmulator;
import io.github.aeponboarding.emulator.EmulatorOptions;
import io.github.aeponboarding.runtime.BundleMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * The bundle, in this JVM, as {@code java -jar ... run} would start it (the routes in routes/, the
 * configuration in config/), pointed at the benchmark's emulator with its credentials, a
 * temporary data folder (ledger, broker journal) and the file and JMS triggers off. Requests go
 * straight to {@code direct:aep-onboard}.
 */
final class BundleRunner implements AutoCloseable {
    private final Main main;
    private final Path dataDir;
    private final ProducerTemplate producer;
    private final CamelContext context;

    private BundleRunner(Main main, Path dataDir) {
        this.main = main;
        this.dataDir = dataDir;
        this.context = main.getCamelContext();
        this.producer = context.createProducerTemplate();
    }

    static BundleRunner start(AepEmulator emulator, int rateLimitPerSecond, Map<String, String> extra) throws Exception {
        return start(emulator.baseUrl(), emulator.options(), rateLimitPerSecond, extra);
    }

    /** The same with AEP (and IMS) at {@code baseUrl}, e.g. a proxy in front of the emulator whose credentials {@code o} holds. */
    static BundleRunner start(String baseUrl, EmulatorOptions o, int rateLimitPerSecond, Map<String, String> extra) throws Exception {
        Path dataDir = Files.createTempDirectory("aep-bench-");
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("aep.base-url", baseUrl);
        overrides.put("aep.ims-url", baseUrl);
        overrides.put("aep.client-id", o.clientId());
        overrides.put("aep.client-secret", o.clientSecret());
        overrides.put("aep.org-id", o.orgId());
        overrides.put("aep.rate-limit.requests-per-second", String.valueOf(rateLimitPerSecond));
        overrides.put("onboarding.data-dir", dataDir.toString());
        overrides.put("onboarding.file-trigger-enabled", "false");
        overrides.put("onboarding.jms-trigger-enabled", "false");
        // the management server (metrics, health, Jolokia) stays on, as deployed, on a free port
        overrides.put("camel.management.port", "0");
        overrides.putAll(extra);
        Main main = BundleMain.create(overrides);
        main.start();
        return new BundleRunner(main, dataDir);
    }

    /** One request through direct:aep-onboard; the answer's AepStatus (CREATED, UNCHANGED or FAILED). */
    String onboard(byte[] request, String name) {
        Exchange done = producer.send("direct:aep-onboard", ex -> {
            ex.setProperty("aepOriginalName", name);
            ex.setProperty("aepRequestName", name);
            ex.getMessage().setBody(request);
        });
        String status = done.getMessage().getHeader("AepStatus", String.class);
        if (status == null) {
            return "FAILED";
        }
        if ("FAILED".equals(status)) {
            lastFailure = done.getMessage().getBody(String.class);
        }
        return status;
    }

    private volatile String lastFailure;

    String lastFailure() {
        return lastFailure;
    }

    int tokenFetches() {
        return bean("aepImsTokenCache", ImsTokenCache.class).fetchCount();
    }

    long retries() {
        return bean("aepRetryPolicy", AepRetryPolicy.class).totalRetries();
    }

    Map<String, Long> retryCounts() {
        return bean("aepRetryPolicy", AepRetryPolicy.class).retryCounts();
    }

    private <T> T bean(String name, Class<T> type) {
        return context.getRegistry().lookupByNameAndType(name, type);
    }

    @Override
    public void close() throws IOException {
        main.stop();
        if (!Files.exists(dataDir)) {
            return;   // closed before
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
