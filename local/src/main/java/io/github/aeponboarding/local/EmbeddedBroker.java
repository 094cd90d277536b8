package io.github.aeponboarding.local;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The local profile's ActiveMQ Artemis broker, in the bundle's JVM, reachable as {@code vm://0}.
 * Its journal is on disk, so a request in flight when the process is killed is redelivered after
 * the restart. A Camel service: it starts before the routes' consumers and stops after them.
 */
public class EmbeddedBroker extends ServiceSupport {
    public static final String URL = "vm://0";

    private final Path dataDir;
    private final int maxDeliveryAttempts;
    private final int tcpPort;
    private EmbeddedActiveMQ server;

    public EmbeddedBroker(Path dataDir, int maxDeliveryAttempts) {
        this(dataDir, maxDeliveryAttempts, 0);
    }

    /** {@code tcpPort} > 0 adds a core/AMQP/OpenWire acceptor on 127.0.0.1 (a client outside the JVM, e.g. a test). */
    public EmbeddedBroker(Path dataDir, int maxDeliveryAttempts, int tcpPort) {
        this.dataDir = dataDir;
        this.maxDeliveryAttempts = maxDeliveryAttempts;
        this.tcpPort = tcpPort;
    }

    @Override
    protected void doStart() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("aep-onboarding-embedded")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)   // no libaio needed
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("in-vm", URL);
        if (tcpPort > 0) {
            config.addAcceptorConfiguration("loopback", "tcp://127.0.0.1:" + tcpPort);
        }
        // a message the route itself cannot handle (it crashes the consumer every time) ends, once,
        // in the same dead letter queue as the requests that failed normally
        config.addAddressSetting("aep.onboarding.requests", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("aep.onboarding.deadletter"))
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setRedeliveryDelay(500));
        for (String queue : new String[] {"aep.onboarding.requests", "aep.onboarding.results", "aep.onboarding.deadletter"}) {
            config.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }
        server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.start();
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
