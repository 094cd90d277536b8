package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aeponboarding.store.LedgerKey;
import io.github.aeponboarding.store.LedgerStore;
import io.github.aeponboarding.store.RequestLocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One open request's record: its state in memory (ids, payload hashes, intents) and its writes to the
 * store. The monitor guards the state; the writer lock makes the writes one at a time, each of the
 * whole current state, so the store never goes back to an older one.
 */
final class LedgerRecord {
    /** The sandbox's shared resources: kept by {@link SandboxResources}, never intended here. */
    private static final Set<Step> SHARED = EnumSet.of(Step.FLOW_SPEC, Step.DATASET_BASE_CONNECTION);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LedgerRecord.class);
    private static final long WRITE_BEHIND_DELAY_MICROS = 5000;

    final LedgerKey key;
    final RequestLocks.Held lock;
    String fingerprint;
    JsonNode request;
    boolean complete;
    final Map<String, String> ids = new LinkedHashMap<>();
    final Map<String, String> payloads = new LinkedHashMap<>();
    /** Intents an earlier run left without an id: those steps are looked up by name first. */
    final Set<String> pending = new LinkedHashSet<>();
    /** Intents of this run whose step has reached its call (until its id is recorded). */
    final Set<String> sent = new LinkedHashSet<>();
    /** Intents of this run written ahead of their step's turn, each with the version that declared it. */
    final Map<String, Long> ahead = new LinkedHashMap<>();
    /** The request as stored, serialised once per definition. */
    String requestText;
    /** Changes made (under the monitor), and the last one the store holds (under the writer lock). */
    long version;
    volatile long written;
    final ReentrantLock writer = new ReentrantLock();

    LedgerRecord(LedgerKey key, RequestLocks.Held lock) {
        this.key = key;
        this.lock = lock;
    }

    void define(String fingerprint, JsonNode request) {
        this.fingerprint = fingerprint;
        this.request = request;
        this.requestText = request.toString();
    }

    /** Declares the intents of the given steps that are not created yet. */
    void declare(List<Step> steps) {
        for (Step s : steps) {
            if (!ids.containsKey(s.key()) && !ahead.containsKey(s.key()) && !sent.contains(s.key())) {
                ahead.put(s.key(), ++version);
            }
        }
    }

    /** Declares the steps whose inputs of this request are all created: the ones that can be sent first. */
    void declareFirstSteps() {
        Recipe recipe = Recipe.of(request);
        declare(Arrays.stream(Step.values()).filter(s -> !SHARED.contains(s) && recipe.has(s)
                && recipe.inputs(s).stream().allMatch(in -> SHARED.contains(in) || ids.containsKey(in.key()))).toList());
    }

    /** Forgets the intents of steps whose turn never came; the version the store must reach. */
    synchronized long dropUnsentIntents() {
        if (!ahead.isEmpty()) {
            ahead.clear();
            version++;
        }
        return version;
    }

    LedgerStore.Row row() {
        Set<String> intents = new LinkedHashSet<>(pending);
        intents.addAll(sent);
        intents.addAll(ahead.keySet());
        ObjectNode state = MAPPER.createObjectNode();
        state.set("ids", MAPPER.valueToTree(ids));
        state.set("payloads", MAPPER.valueToTree(payloads));
        state.set("pending", MAPPER.valueToTree(intents));
        return new LedgerStore.Row(fingerprint, requestText, state.toString(), complete);
    }

    void read(LedgerStore.Row row) {
        try {
            fingerprint = row.fingerprint();
            request = MAPPER.readTree(row.request());
            requestText = row.request();
            complete = row.complete();
            JsonNode state = MAPPER.readTree(row.state());
            state.path("ids").fields().forEachRemaining(f -> ids.put(f.getKey(), f.getValue().asText()));
            state.path("payloads").fields().forEachRemaining(f -> payloads.put(f.getKey(), f.getValue().asText()));
            state.path("pending").forEach(p -> pending.add(p.asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable ledger record " + key, e);
        }
    }

    /**
     * Makes the record durable up to {@code version}: nothing to do when a write since that change
     * carried it, else one (fenced) write of the whole current state, which carries every change made
     * meanwhile. The writer lock serialises a record's writes, each taking its state after the
     * previous one finished, so the store only ever moves forward.
     */
    void flush(LedgerStore store, long version) {
        if (written >= version) {
            return;   // without waiting for a write of later changes that may be under way
        }
        write(store, version, false);
    }

    /** Writes the whole row with this process as its owner (the request's lock is held). */
    void takeOver(LedgerStore store) {
        write(store, 0, true);
    }

    private void write(LedgerStore store, long version, boolean takeOver) {
        writer.lock();
        try {
            LedgerStore.Row row;
            long snapshot;
            synchronized (this) {
                if (!takeOver && written >= version) {
                    return;   // a write that started after this change carried it
                }
                row = row();
                snapshot = this.version;
            }
            if (takeOver) {
                store.put(key, lock.owner(), row);
            } else {
                store.update(key, lock.owner(), row);
            }
            written = snapshot;
        } finally {
            writer.unlock();
        }
    }

    /** Changes the record in memory; returns the version the store must reach to hold the change. */
    synchronized long change(java.util.function.Consumer<LedgerRecord> change) {
        change.accept(this);
        return ++version;
    }

    /** The recorded ids in step order (what a failure document lists). */
    synchronized Map<String, String> orderedIds() {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (Step s : Step.values()) {
            String v = ids.get(s.key());
            if (v != null) {
                ordered.put(s.key(), v);
            }
        }
        return ordered;
    }

    /**
     * After a rollback or offboard: drops the row when no id is left, so that a re-submission starts
     * afresh; a record that still holds ids (a DELETE that failed) is kept, so that it reuses them.
     */
    void deleteIfEmpty(LedgerStore store) {
        writer.lock();   // no write of the record meanwhile
        try {
            boolean empty;
            synchronized (this) {
                empty = ids.isEmpty();
            }
            if (empty) {
                store.delete(key, lock.owner());
                synchronized (this) {
                    written = version;   // nothing left to write at release
                }
            }
        } finally {
            writer.unlock();
        }
    }

    /**
     * A write nobody waits for: a failure is only logged, the next write that someone waits for reports
     * it. It starts {@link #WRITE_BEHIND_DELAY_MICROS} later, when the step's POST is on its way: on a busy
     * machine a write woken at once competes for a core with the call it should overlap. A call answered
     * sooner only means the dependent step writes its intent itself.
     */
    void flushLater(LedgerStore store, java.util.concurrent.ScheduledExecutorService background, long version) {
        try {
            background.schedule(() -> {
                try {
                    flush(store, version);
                } catch (RuntimeException e) {
                    LOG.debug("background write of request {} failed: {}", key, e.getMessage());
                }
            }, WRITE_BEHIND_DELAY_MICROS, java.util.concurrent.TimeUnit.MICROSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the bundle is stopping: the intent is written by the step that needs it
        }
    }
}
