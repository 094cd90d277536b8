package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.request.SourceCatalogue;
import io.github.aeponboarding.store.LedgerKey;
import io.github.aeponboarding.store.RequestLocks;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * {@link StepMemory} of what every onboarding in a sandbox shares: the flowSpecs of its sources
 * ({@code CRMToAEP}, {@code RestStorageToAEP}; each request uses its source's) and the dataset base
 * connection of the tutorial recipe. They are looked up once per sandbox and reused; the first
 * onboarding of a sandbox holds a gate while it looks them up, so a batch does not create two
 * base connections. A 404 on the flow (a stale cache) clears them through {@link #forget}; a target
 * connection refused because the cached base connection is gone refreshes it ({@link #forgetBaseConnection}).
 */
public class SandboxResources implements StepMemory {
    /** The store lock's name for the base connection: '_' keeps it apart from request ids. */
    private static final String BASE_CONNECTION_LOCK = "_dataset-base-connection";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Shared> sandboxes = new ConcurrentHashMap<>();
    private final RequestLocks locks;
    private final String scope;

    public SandboxResources(RequestLocks locks, String scope) {
        this.locks = locks;
        this.scope = scope;
    }

    /**
     * True when the sandbox is ready (headers set); otherwise the caller holds the gate until
     * {@link #release}, and the store's lock for the base connection too: two replicas starting at once
     * would otherwise both find none and both create one.
     */
    public boolean acquire(Exchange ex) throws InterruptedException {
        if (acquire(ex, s -> s.ready(flowSpecKey(ex)))) {
            return true;
        }
        try {
            shared(ex).storeLock = locks.acquire(new LedgerKey(scope, sandbox(ex), BASE_CONNECTION_LOCK));
        } catch (RuntimeException e) {
            shared(ex).gate.release();
            throw e;
        }
        return false;
    }

    /**
     * The same for the flowSpec alone: a request is checked against it before anything is written,
     * and the base connection (a write) waits until the request passed.
     */
    public boolean acquireFlowSpec(Exchange ex) throws InterruptedException {
        return acquire(ex, s -> s.hasFlowSpec(flowSpecKey(ex)));
    }

    private boolean acquire(Exchange ex, java.util.function.Predicate<Shared> ready) throws InterruptedException {
        Shared shared = shared(ex);
        if (ready.test(shared)) {
            shared.apply(ex, flowSpecKey(ex));
            return true;
        }
        shared.gate.acquire();
        if (ready.test(shared)) {   // another onboarding finished the lookups while we waited
            shared.gate.release();
            shared.apply(ex, flowSpecKey(ex));
            return true;
        }
        return false;
    }

    /** Sets the headers of the shared ids the request uses that the sandbox's cache holds. */
    public void applyShared(Exchange ex) {
        shared(ex).apply(ex, flowSpecKey(ex));
    }

    public void release(Exchange ex) {
        Shared shared = shared(ex);
        if (shared.storeLock != null) {
            shared.storeLock.close();
            shared.storeLock = null;
        }
        shared.gate.release();
    }

    /** The request's flowSpec as AEP returned it (for the schedule, connection-spec and transformation checks). */
    public JsonNode flowSpec(Exchange ex) {
        return shared(ex).flowSpecs.get(flowSpecKey(ex));
    }

    public void forget(Exchange ex) {
        sandboxes.remove(sandbox(ex));
    }

    /**
     * True when AEP refused a write (400 or 404) naming the dataset base connection this exchange
     * took from the cache: someone deleted it, and the cache must be refreshed.
     */
    public boolean baseConnectionGone(Exchange ex) {
        Throwable t = ex.getException() != null ? ex.getException() : ex.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        while (t != null && !(t instanceof HttpOperationFailedException)) {
            t = t.getCause();
        }
        if (!(t instanceof HttpOperationFailedException http) || (http.getStatusCode() != 400 && http.getStatusCode() != 404)) {
            return false;
        }
        String id = ex.getMessage().getHeader(Step.DATASET_BASE_CONNECTION.header(), String.class);
        return id != null && http.getResponseBody() != null && http.getResponseBody().contains(id);
    }

    /**
     * Drops a stale dataset base connection from the sandbox's cache and from the exchange, so that
     * {@code direct:aep-sandbox-resources} looks it up (or creates it) again. When a concurrent onboarding
     * has already replaced it, the newer id stays and is simply applied.
     */
    public void forgetBaseConnection(Exchange ex) {
        String stale = ex.getMessage().getHeader(Step.DATASET_BASE_CONNECTION.header(), String.class);
        if (stale != null) {
            shared(ex).ids.remove(Step.DATASET_BASE_CONNECTION, stale);
        }
        ex.getMessage().removeHeader(Step.DATASET_BASE_CONNECTION.header());
    }

    @Override
    public void recall(Exchange ex) {
        Step step = StepMemory.step(ex);
        String id = step == Step.FLOW_SPEC ? shared(ex).flowSpecIds.get(flowSpecKey(ex)) : shared(ex).ids.get(step);
        if (id != null) {
            ex.getMessage().setHeader(step.header(), id);
        }
    }

    @Override
    public void intend(Exchange ex) {
        // the base connection may exist from an earlier run: always look it up by name before creating
        if (StepMemory.step(ex) == Step.DATASET_BASE_CONNECTION) {
            ex.setProperty(ExchangeContract.RECHECK, true);
        }
    }

    @Override
    public void record(Exchange ex) {
        Step step = StepMemory.step(ex);
        Shared shared = shared(ex);
        String id = ex.getMessage().getHeader(step.header(), String.class);
        if (step == Step.FLOW_SPEC) {
            try {
                shared.flowSpecs.put(flowSpecKey(ex), mapper.readTree(ex.getVariable(ExchangeContract.RESPONSE, String.class)).path("items").path(0));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("flowSpec answer is not JSON", e);
            }
            shared.flowSpecIds.put(flowSpecKey(ex), id);
            return;
        }
        shared.ids.put(step, id);
    }

    private Shared shared(Exchange ex) {
        return sandboxes.computeIfAbsent(sandbox(ex), s -> new Shared());
    }

    private static String sandbox(Exchange ex) {
        return ex.getProperty(ExchangeContract.SANDBOX, String.class);
    }

    /** The catalogue's key of the request's flowSpec (CRMToAEP for a source the catalogue does not list). */
    private static String flowSpecKey(Exchange ex) {
        SourceCatalogue.Source source = ex.getProperty(ExchangeContract.SOURCE, SourceCatalogue.Source.class);
        return source == null ? SourceCatalogue.DEFAULT_FLOW_SPEC : source.flowSpec().key();
    }

    private static final class Shared {
        final Semaphore gate = new Semaphore(1);
        /** Held with the gate while the base connection is looked up or created. */
        RequestLocks.Held storeLock;
        /** The dataset base connection. */
        final Map<Step, String> ids = new ConcurrentHashMap<>();
        /** By the catalogue's flowSpec key: the flowSpec as read, and its id. */
        final Map<String, JsonNode> flowSpecs = new ConcurrentHashMap<>();
        final Map<String, String> flowSpecIds = new ConcurrentHashMap<>();

        boolean ready(String flowSpec) {
            return hasFlowSpec(flowSpec) && ids.containsKey(Step.DATASET_BASE_CONNECTION);
        }

        boolean hasFlowSpec(String flowSpec) {
            return flowSpecs.containsKey(flowSpec) && flowSpecIds.containsKey(flowSpec);
        }

        /** The request's flowSpec, and the base connection unless its recipe has none (current). */
        void apply(Exchange ex, String flowSpec) {
            String flowSpecId = flowSpecIds.get(flowSpec);
            if (flowSpecId != null) {
                ex.getMessage().setHeader(Step.FLOW_SPEC.header(), flowSpecId);
            }
            if (Recipe.of(AepPayloads.request(ex)).has(Step.DATASET_BASE_CONNECTION)) {
                ids.forEach((step, id) -> ex.getMessage().setHeader(step.header(), id));
            }
        }
    }
}
