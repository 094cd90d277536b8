package io.github.aeponboarding.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local AEP sandbox on one loopback port: IMS ({@code /ims/token/v3}), Flow Service, Schema Registry,
 * Catalog and Data Prep under {@code /data/foundation/...}, and the test controls under {@code /_emulator/}.
 * Each request passes, in order: fault decision (seeded, arrival order), latency, rate limit, injected
 * 5xx/429, IMS or gateway checks, sandbox and content-type checks, then the service, holding the
 * sandbox's lock. State is in memory.
 */
public final class AepEmulator implements AutoCloseable {
    static {
        // without TCP_NODELAY, the JDK server's separate header and body writes meet the client's delayed
        // ACK and every keep-alive request takes ~40 ms; read once, when the JDK server is first used
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicReference<EmulatorOptions> options;
    private final TokenStore tokens = new TokenStore();
    private final Sandboxes sandboxes;
    private final FaultInjector faults;
    private final RateLimiter rateLimiter;
    private final RequestLog log = new RequestLog();
    private final Journal journal;
    private final Gateway gateway;
    private final ImsApi ims;
    private final FlowRuns runs;
    private final FlowServiceApi flowService;
    private final SchemaRegistryApi schemaRegistry = new SchemaRegistryApi();
    private final CatalogApi catalog = new CatalogApi();
    private final DataPrepApi dataPrep = new DataPrepApi();
    private final AdminApi admin;

    private AepEmulator(EmulatorOptions initial) throws IOException {
        options = new AtomicReference<>(initial);
        sandboxes = new Sandboxes(initial.orgId());
        faults = new FaultInjector(initial);
        rateLimiter = new RateLimiter(initial.rateLimitPerSecond());
        runs = new FlowRuns(options::get);
        flowService = new FlowServiceApi(runs);
        journal = Journal.open(initial);
        gateway = new Gateway(tokens, options::get);
        ims = new ImsApi(tokens, options::get);
        admin = new AdminApi(this);
        server = HttpServer.create(new InetSocketAddress(initial.host(), initial.port()), 512);
        // a cached pool: latency is slept on the handler thread and must not serialise concurrent clients
        executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts an emulator; {@code port 0} picks a free port, see {@link #port()}. */
    public static AepEmulator start(EmulatorOptions options) {
        try {
            return new AepEmulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the AEP emulator on " + options.host() + ":" + options.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The root of every service and of IMS, e.g. {@code http://127.0.0.1:8180}. */
    public String baseUrl() {
        return "http://" + options.get().host() + ":" + port();
    }

    public EmulatorOptions options() {
        return options.get();
    }

    /**
     * Applies the runtime controls of {@code newOptions} (latency, fault rates, retry-after, rate limit,
     * seed, token TTL, credentials); the fault sequence restarts from the seed. Host, port and journal stay.
     */
    public void configure(EmulatorOptions newOptions) {
        EmulatorOptions current = options.get();
        EmulatorOptions merged = newOptions.toBuilder().host(current.host()).port(current.port()).journal(current.journal()).build();
        options.set(merged);
        faults.configure(merged);
        rateLimiter.configure(merged.rateLimitPerSecond());
        runs.restartSequence();
    }

    /** Forgets every created resource (sandboxes start again from the seed), the request log and the fault sequence. */
    public void reset() {
        sandboxes.clear();
        log.clear();
        faults.configure(options.get());
        rateLimiter.configure(options.get().rateLimitPerSecond());
        runs.restartSequence();
    }

    public List<RequestLogEntry> requestLog() {
        return log.snapshot();
    }

    /** Every bearer token IMS issued (tests check that none leaks into logs or results). */
    public List<String> issuedTokens() {
        return tokens.issued();
    }

    /** Revokes every issued token: the next Platform call with one is answered 401, as after a key rotation. */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    public void clearRequestLog() {
        log.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getRawPath();
            Service service = Service.of(path);
            if (service == null) {
                ApiRequest request = read(exchange);
                ApiResponse response;
                try {
                    response = admin.handle(request);
                } catch (ApiException refused) {
                    response = refused.response;
                }
                send(exchange, response);
                return;
            }
            handlePlatform(exchange, service, path);
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }

    private void handlePlatform(HttpExchange exchange, Service service, String path) throws IOException {
        FaultInjector.Fault fault = faults.next();
        if (fault == FaultInjector.Fault.CONNECTION_RESET) {
            // nothing read, nothing committed: closing now is what a reset looks like to the client
            String query = exchange.getRequestURI().getRawQuery();
            logEntry(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query), exchange, 0, false, fault);
            exchange.close();
            return;
        }
        ApiRequest request = read(exchange);
        sleep(options.get().latencyMillis());
        ApiResponse response = respond(request, service, fault);
        if (fault == FaultInjector.Fault.LOST_RESPONSE) {
            record(request, exchange, response, 0, fault);
            exchange.close();
            return;
        }
        record(request, exchange, response, response.status, fault);
        send(exchange, response);
    }

    private ApiResponse respond(ApiRequest request, Service service, FaultInjector.Fault fault) {
        try {
            long retryAfter = rateLimiter.tryAcquire();
            if (retryAfter > 0) throw tooManyRequests(retryAfter);
            if (fault == FaultInjector.Fault.TOO_MANY_REQUESTS) throw tooManyRequests(options.get().retryAfterSeconds());
            if (fault == FaultInjector.Fault.SERVER_ERROR) {
                throw service.error(503, "1103", "Service temporarily unavailable (injected fault)");
            }
            if (service == Service.IMS) return ims.handle(request);
            gateway.check(request);
            String sandbox = request.header("x-sandbox-name");
            if (sandbox == null || sandbox.isBlank()) {
                throw service.error(400, "2105", "The x-sandbox-name header is required");
            }
            if (!Sandboxes.NAME.matcher(sandbox).matches()) {
                throw service.error(400, "2105", "Invalid x-sandbox-name " + sandbox + ": sandbox names are lower case");
            }
            request.sandbox = sandbox;
            if (request.hasBody() && !isJson(request.header("Content-Type"))) throw ErrorBodies.missingContentType();
            SandboxState state = sandboxes.get(sandbox);
            String relative = service.relative(request.path);
            synchronized (state) {
                return switch (service) {
                    case FLOW_SERVICE -> flowService.handle(request, relative, state);
                    case SCHEMA_REGISTRY -> schemaRegistry.handle(request, relative, state);
                    case CATALOG -> catalog.handle(request, relative, state);
                    case DATA_PREP -> dataPrep.handle(request, relative, state);
                    case IMS -> throw new IllegalStateException("IMS is answered above");
                };
            }
        } catch (ApiException refused) {
            return refused.response;
        } catch (RuntimeException bug) {
            return service.error(500, "1102", "Internal error: " + bug).response;
        }
    }

    private ApiException tooManyRequests(long retryAfterSeconds) {
        ApiException refusal = ErrorBodies.gateway(429, "429050", "Too many requests");
        refusal.response.header("Retry-After", String.valueOf(retryAfterSeconds));
        return refusal;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) return false;
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.equals("application/json") || type.endsWith("+json");
    }

    private void record(ApiRequest request, HttpExchange exchange, ApiResponse response, int status, FaultInjector.Fault fault) {
        boolean committed = response.committed;
        logEntry(request.method, request.pathAndQuery(), exchange, status, committed, fault);
        // IMS has no spec; a response the client never got (lost-response fault, status 0) is not an answer
        boolean platform = !request.path.startsWith(Service.IMS.prefix);
        if (journal != null && platform && status != 0) journal.append(request, response);
    }

    private void logEntry(String method, String path, HttpExchange exchange, int status, boolean committed,
                          FaultInjector.Fault fault) {
        List<String> names = new ArrayList<>();
        exchange.getRequestHeaders().keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        String faultName = fault == FaultInjector.Fault.NONE ? null : fault.name().toLowerCase(Locale.ROOT);
        log.add(new RequestLogEntry(Instant.now(), method.toUpperCase(Locale.ROOT), path, status, names, committed, faultName));
    }

    private static ApiRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new ApiRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
    }

    private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
        response.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.body == null) {
            exchange.sendResponseHeaders(response.status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = Json.bytes(response.body);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(response.status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) return;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "aep-emulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
