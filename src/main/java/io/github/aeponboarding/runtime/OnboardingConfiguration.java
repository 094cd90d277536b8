package io.github.aeponboarding.runtime;

import io.github.aeponboarding.aep.AepHttpClient;
import io.github.aeponboarding.aep.AepHeaderFilterStrategy;
import io.github.aeponboarding.aep.AepHttp;
import io.github.aeponboarding.aep.AepRetryPolicy;
import io.github.aeponboarding.aep.AepSettings;
import io.github.aeponboarding.aep.ImsTokenCache;
import io.github.aeponboarding.health.BrokerHealthCheck;
import io.github.aeponboarding.health.ImsTokenHealthCheck;
import io.github.aeponboarding.onboarding.AepPayloads;
import io.github.aeponboarding.onboarding.BaseConnectionCheck;
import io.github.aeponboarding.onboarding.FlowSpecCheck;
import io.github.aeponboarding.onboarding.FlowState;
import io.github.aeponboarding.onboarding.Offboarding;
import io.github.aeponboarding.onboarding.OnboardingPlan;
import io.github.aeponboarding.onboarding.InboxEntry;
import io.github.aeponboarding.onboarding.IdsToHeadersStrategy;
import io.github.aeponboarding.onboarding.FlowStatus;
import io.github.aeponboarding.onboarding.OnboardedRequests;
import io.github.aeponboarding.onboarding.OnboardingLedger;
import io.github.aeponboarding.onboarding.OnboardingMetrics;
import io.github.aeponboarding.onboarding.OnboardingResults;
import io.github.aeponboarding.onboarding.OnboardingRollback;
import io.github.aeponboarding.onboarding.OnboardingRunner;
import io.github.aeponboarding.onboarding.RequestIntake;
import io.github.aeponboarding.onboarding.RequestMemory;
import io.github.aeponboarding.onboarding.RunWatch;
import io.github.aeponboarding.onboarding.ResourceFinder;
import io.github.aeponboarding.onboarding.SandboxResources;
import io.github.aeponboarding.onboarding.ScheduleUpdate;
import io.github.aeponboarding.request.RequestReader;
import io.github.aeponboarding.store.InboxClaims;
import io.github.aeponboarding.store.LedgerStore;
import io.github.aeponboarding.store.ProcessRegistry;
import io.github.aeponboarding.store.RequestLocks;
import io.github.aeponboarding.store.SharedRateLimit;
import io.github.aeponboarding.store.Store;
import io.github.aeponboarding.store.StoreSettings;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The bundle's beans, for its YAML routes ({@link BundleRoutes}). Any Camel runtime can use it: it
 * reads everything from configuration and changes none of the host's components. In the local profile
 * only ({@link RequiredSettings}), a missing {@code aep.base-url} or {@code onboarding.broker-url} is
 * filled in by the local stand-ins ({@value #STAND_INS} of the {@code aep-local} module: the AEP
 * emulator in this JVM, an embedded Artemis broker), which the application has on its class path and
 * the library does not. Anywhere else a missing URL or credential stops the start.
 */
public class OnboardingConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(OnboardingConfiguration.class);
    /** The local profile's stand-ins (module aep-local); {@code onboarding.local-stand-ins} names another. */
    public static final String STAND_INS = "io.github.aeponboarding.local.LocalStandIns";
    /** The broker URL without {@code onboarding.broker-url}: the embedded broker's in-VM acceptor. */
    static final String LOCAL_BROKER_URL = "vm://0";

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent pc = context.getPropertiesComponent();
        // only the JMS trigger reads the broker: without it (the one-shot command line) no embedded broker,
        // whose journal lock a bundle running in the same folder holds
        boolean jmsTrigger = Boolean.parseBoolean(prop(pc, "onboarding.jms-trigger-enabled", "true"));
        // a host with a broker of its own (Spring Boot's jmsConnectionFactory) names its bean: the bundle then
        // builds no factory, needs no broker URL and starts no embedded broker
        String hostFactory = prop(pc, "onboarding.jms-connection-factory", "");
        // before anything starts: outside the local profile nothing stands in for a missing AEP or broker
        RequiredSettings.check(context, jmsTrigger && hostFactory.isEmpty());
        Path dataDir = Path.of(prop(pc, "onboarding.data-dir", "data"));
        String brokerUrl = prop(pc, "onboarding.broker-url", "");
        if (RequiredSettings.localFallbacks(pc)
                && (blank(pc, "aep.base-url") || (brokerUrl.isBlank() && jmsTrigger && hostFactory.isEmpty()))) {
            standIns(context, pc).configure(context);
        }
        if (brokerUrl.isBlank()) {
            brokerUrl = LOCAL_BROKER_URL;
        }

        AepSettings settings = new AepSettings(prop(pc, "aep.base-url", ""), prop(pc, "aep.ims-url", ""),
                prop(pc, "aep.client-id", ""), prop(pc, "aep.client-secret", ""), prop(pc, "aep.org-id", ""),
                prop(pc, "aep.scopes", ""), prop(pc, "aep.sandbox", "prod"));
        LOG.info("AEP: {}", settings);
        ProducerTemplate producer = context.createProducerTemplate();
        Clock clock = Clock.systemUTC();
        ImsTokenCache tokens = new ImsTokenCache(settings, clock);
        Store store = openStore(context, pc, dataDir);
        String scope = OnboardingLedger.scope(settings.baseUrl(), settings.orgId());
        RequestLocks locks = new RequestLocks(store.dataSource(),
                Duration.ofMillis(Long.parseLong(prop(pc, "onboarding.request-lock-wait-ms", "60000"))));
        // the ledger writes the intents of a step's dependents on these threads while the step's call is under way
        LedgerStore ledgerStore = new LedgerStore(store.dataSource());
        OnboardingLedger ledger = new OnboardingLedger(locks, ledgerStore, settings.baseUrl(), settings.orgId(),
                context.getExecutorServiceManager().newScheduledThreadPool(this, "aep-ledger", 2));
        SharedRateLimit rateLimit = new SharedRateLimit(store.rateLimitDataSource(), scope,
                Double.parseDouble(prop(pc, "aep.rate-limit.requests-per-second", "100")),
                Long.parseLong(prop(pc, "aep.rate-limit.slice-ms", "20")));
        LOG.info("Client-side rate limit per org and sandbox: {}", rateLimit);
        ProcessRegistry processes = new ProcessRegistry(store.dataSource());
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                processes.close();
            }
        }, true, true);
        SandboxResources sandboxes = new SandboxResources(locks, scope);

        Registry registry = context.getRegistry();
        registry.bind("aepStore", store);
        registry.bind("aepRateLimit", rateLimit);
        registry.bind("aepInboxClaims", new InboxClaims(store.dataSource(), processes));
        registry.bind("aepSettings", settings);
        registry.bind("aepImsTokenCache", tokens);
        registry.bind("aepHttp", new AepHttp(tokens, settings));
        // the aep-http route's endpoint: HttpClient's own retries off (Camel's error handler owns them) and
        // the bearer token put into the request inside HttpClient only; the host's http component is untouched
        registry.bind("aepHttpClient", new AepHttpClient(tokens));
        registry.bind("aepHeaderFilter", new AepHeaderFilterStrategy());
        OnboardingMetrics metrics = new OnboardingMetrics(context);
        registry.bind("aepOnboardingMetrics", metrics);
        AepRetryPolicy retryPolicy = new AepRetryPolicy(tokens,
                Integer.parseInt(prop(pc, "aep.retry.max-attempts", "10")),
                Duration.ofSeconds(Long.parseLong(prop(pc, "aep.retry.retry-after-cap-seconds", "60"))), clock, metrics::retry);
        registry.bind("aepRetryPolicy", retryPolicy);
        AepPayloads payloads = new AepPayloads(prop(pc, "aep.flow-spec-name", "CRMToAEP"));
        registry.bind("aepPayloads", payloads);
        registry.bind("aepOnboardingLedger", ledger);
        registry.bind("aepRequestMemory", new RequestMemory(ledger));
        registry.bind("aepSandboxResources", sandboxes);
        registry.bind("aepResourceFinder", new ResourceFinder(producer));
        registry.bind("aepFlowSpecCheck", new FlowSpecCheck(sandboxes));
        registry.bind("aepIdsToHeaders", new IdsToHeadersStrategy());
        registry.bind("aepRequestIntake", new RequestIntake(
                new RequestReader(Integer.parseInt(prop(pc, "onboarding.max-request-bytes", "262144"))),
                ledger, sandboxes, settings.defaultSandbox()));
        registry.bind("aepBaseConnectionCheck", new BaseConnectionCheck());
        registry.bind("aepInboxEntry", new InboxEntry(Long.parseLong(prop(pc, "onboarding.max-request-bytes", "262144")),
                Path.of(prop(pc, "onboarding.deadletter", "deadletter"))));
        OnboardingResults results = new OnboardingResults(ledger, retryPolicy);
        registry.bind("aepOnboardingResults", results);
        registry.bind("aepScheduleUpdate", new ScheduleUpdate(ledger));
        OnboardingRollback rollback = new OnboardingRollback(ledger,
                Boolean.parseBoolean(prop(pc, "onboarding.rollback-on-failure", "false")));
        registry.bind("aepOnboardingRollback", rollback);
        registry.bind("aepOffboarding", new Offboarding(rollback, results, ledger));
        registry.bind("aepFlowState", new FlowState());
        registry.bind("aepOnboardingPlan", new OnboardingPlan(ledger, payloads, sandboxes, results));
        registry.bind("aepOnboardingRunner", new OnboardingRunner(producer));
        // after the flow: its runs (routes/runs.camel.yaml); a negative wait reports no run at all
        registry.bind("aepRunWatch", new RunWatch(Duration.ofSeconds(Long.parseLong(prop(pc, "onboarding.run-watch-seconds", "0")))));
        registry.bind("aepFlowStatus", new FlowStatus());
        registry.bind("aepOnboardedRequests", new OnboardedRequests(ledgerStore, scope));
        int stepThreads = Integer.parseInt(prop(pc, "onboarding.step-threads", "64"));
        registry.bind("aepSteps", context.getExecutorServiceManager().newThreadPool(this, "aep-steps", stepThreads, stepThreads));

        ConnectionFactory jms = hostFactory.isEmpty() ? cachingConnectionFactory(pc, brokerUrl) : hostFactory(context, hostFactory);
        registry.bind("aepJmsConnectionFactory", jms);
        // readiness: camel-health picks health checks up from the registry
        registry.bind("aepImsTokenHealthCheck", new ImsTokenHealthCheck(tokens));
        if (jmsTrigger) {
            registry.bind("aepBrokerHealthCheck", new BrokerHealthCheck(jms));
        }
    }

    /** The shared store (onboarding.db-url; empty: embedded under the data folder), closed when the context stops. */
    private static Store openStore(CamelContext context, PropertiesComponent pc, Path dataDir) throws Exception {
        StoreSettings settings = new StoreSettings(prop(pc, "onboarding.db-url", ""), prop(pc, "onboarding.db-user", ""),
                prop(pc, "onboarding.db-password", ""), dataDir,
                Integer.parseInt(orDefault(prop(pc, "onboarding.db-pool-size", ""), String.valueOf(
                        // each onboarding in flight holds one connection (its lock); the others serve the writes
                        Integer.parseInt(prop(pc, "onboarding.jms-concurrent-consumers", "4"))
                                + Integer.parseInt(prop(pc, "onboarding.file-parallelism", "4")) + 12))),
                Long.parseLong(prop(pc, "onboarding.db-connect-timeout-ms", "5000")));
        Store store = Store.open(settings);
        LOG.info("Store: {}", store.describe());
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                store.close();
            }
        }, true, false);
        return store;
    }

    private static ConnectionFactory cachingConnectionFactory(PropertiesComponent pc, String brokerUrl) {
        CachingConnectionFactory jms = new CachingConnectionFactory(jmsConnectionFactory(pc, brokerUrl));
        jms.setSessionCacheSize(Integer.parseInt(prop(pc, "onboarding.jms-session-cache", "20")));
        return jms;
    }

    /** The host's factory as it is: its caching, consumer window and deserialization rules are the host's. */
    private static ConnectionFactory hostFactory(CamelContext context, String name) {
        ConnectionFactory factory = context.getRegistry().lookupByNameAndType(name, ConnectionFactory.class);
        if (factory == null) {
            throw new IllegalStateException("onboarding.jms-connection-factory = " + name
                    + ": the host's registry holds no jakarta.jms.ConnectionFactory of that name");
        }
        return factory;
    }

    private static ConnectionFactory jmsConnectionFactory(PropertiesComponent pc, String brokerUrl) {
        String user = prop(pc, "onboarding.broker-user", "");
        ActiveMQConnectionFactory factory = user.isBlank() ? new ActiveMQConnectionFactory(brokerUrl)
                : new ActiveMQConnectionFactory(brokerUrl, user, prop(pc, "onboarding.broker-password", ""));
        // an onboarding takes seconds: a consumer takes a request when it is free, instead of buffering a
        // backlog that idle replicas (a new or restarted one) could have taken
        factory.setConsumerWindowSize(0);
        // the bundle never reads an ObjectMessage; should anything call getObject(), nothing deserializes
        factory.setDeserializationAllowList("");
        factory.setDeserializationDenyList("*");
        return factory;
    }

    /** The local profile's stand-ins: only the application (and the library's tests) have them on the class path. */
    private static CamelConfiguration standIns(CamelContext context, PropertiesComponent pc) throws Exception {
        String name = prop(pc, "onboarding.local-stand-ins", STAND_INS);
        Class<?> type = context.getClassResolver().resolveClass(name);
        if (type == null) {
            throw new IllegalStateException("The local profile (" + RequiredSettings.LOCAL_FALLBACKS + "=true) lacks "
                    + "aep.base-url or onboarding.broker-url, and its stand-ins (" + name + ", module aep-local: the AEP "
                    + "emulator and the embedded broker) are not on the class path. Set the AEP settings and "
                    + "onboarding.broker-url (or onboarding.jms-trigger-enabled=false), or add io.github.aeponboarding:aep-local.");
        }
        return (CamelConfiguration) type.getDeclaredConstructor().newInstance();
    }

    private static String orDefault(String value, String defaultValue) {
        return value.isBlank() ? defaultValue : value;
    }

    private static boolean blank(PropertiesComponent pc, String key) {
        return prop(pc, key, "").isBlank();
    }

    private static String prop(PropertiesComponent pc, String key, String defaultValue) {
        return pc.resolveProperty(key).orElse(defaultValue).trim();
    }
}
