package io.github.aeponboarding.ops;

import io.github.aeponboarding.testsupport.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * A camel-main in this JVM with the bundle's real {@code config/management.properties} (management server,
 * Jolokia with {@code config/jolokia-access.xml}, JMX statistics) on a free port, and one route
 * {@code aep-demo} that has processed {@link #EXCHANGES} exchanges.
 */
public final class DemoCamelTarget implements BundleUnderTest {

    static final String CONTEXT = "aep-onboarding";
    static final String ROUTE = "aep-demo";
    static final int EXCHANGES = 3;

    private final Main main;
    private final int port;

    private DemoCamelTarget(Main main, int port) {
        this.main = main;
        this.port = port;
    }

    /** Starts with config/management.properties, then {@code overrides} (e.g. authentication on). */
    public static DemoCamelTarget start(Map<String, String> overrides) {
        int port = overrides.containsKey("camel.management.port")
                ? Integer.parseInt(overrides.get("camel.management.port")) : Ports.free();
        Properties props = managementProperties();
        props.setProperty("camel.main.name", CONTEXT);
        props.setProperty("camel.management.port", String.valueOf(port));
        // nothing but this class's route: no routes/ folder, no classpath application.properties
        props.setProperty("camel.main.routes-include-pattern", "false");
        props.putAll(overrides);

        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("false");
        main.setInitialProperties(props);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:" + ROUTE).routeId(ROUTE)
                        .setBody(simple("demo ${exchangeId}")).id("demo-body")
                        .log("processed ${body}").id("demo-log");
            }
        });
        try {
            main.start();
            for (int i = 0; i < EXCHANGES; i++) {
                main.getCamelContext().createProducerTemplate().sendBody("direct:" + ROUTE, "x");
            }
        } catch (Exception e) {
            stopQuietly(main);
            throw new IllegalStateException("demo Camel target did not start", e);
        }
        return new DemoCamelTarget(main, port);
    }

    /**
     * The same target as a process of its own (for {@link BundleProcess}): {@code <management port>
     * [key=value...]}; runs until killed.
     */
    public static void main(String[] args) throws InterruptedException {
        Properties overrides = new Properties();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            overrides.setProperty(kv[0], kv[1]);
        }
        overrides.setProperty("camel.management.port", args[0]);
        Map<String, String> map = new java.util.HashMap<>();
        overrides.stringPropertyNames().forEach(k -> map.put(k, overrides.getProperty(k)));
        DemoCamelTarget target = start(map);
        Runtime.getRuntime().addShutdownHook(new Thread(target::close));
        Thread.currentThread().join();
    }

    static Properties managementProperties() {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("config/management.properties"))) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public String jolokiaUrl() {
        return baseUrl() + "/observe/jolokia";
    }

    @Override
    public List<String> routeIds() {
        return List.of(ROUTE);
    }

    @Override
    public String contextName() {
        return CONTEXT;
    }

    @Override
    public void close() {
        stopQuietly(main);
    }

    private static void stopQuietly(Main main) {
        try {
            main.stop();
        } catch (Exception ignored) {
            // best effort in test teardown
        }
    }
}
