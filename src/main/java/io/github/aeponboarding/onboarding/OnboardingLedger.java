package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aeponboarding.aep.OnboardingConflictException;
import io.github.aeponboarding.request.OnboardingRequest;
import io.github.aeponboarding.store.LedgerKey;
import io.github.aeponboarding.store.LedgerStore;
import io.github.aeponboarding.store.RequestLocks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The durable record of what each request created, kept in the shared store. It is what makes
 * onboarding safe to repeat, from any process:
 * <ul>
 *   <li>a re-submitted, finished request is answered from it with one verifying GET;</li>
 *   <li>a request that failed half-way reuses every id recorded before the failing step;</li>
 *   <li>after a crash, a step with an intent but no id is looked up by name before it is created
 *       again, so a write whose response was lost is found instead of duplicated.</li>
 * </ul>
 * A request is open from {@link #begin} to {@link #release}, holding its lock in the store
 * ({@link RequestLocks}); meanwhile its record ({@link LedgerRecord}) is kept here and written through.
 * Every write and every AEP call of the request is fenced by the lock's owner ({@link #fence}). How an
 * intent is durable before its POST without a store write between an AEP answer and the call that
 * depends on it (intents written ahead, ids riding on the next write): docs/reliability.md, "The ledger".
 */
public class OnboardingLedger {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OnboardingLedger.class);

    private final RequestLocks locks;
    private final LedgerStore store;
    private final String scope;
    private final ScheduledExecutorService background;
    private final Map<String, LedgerRecord> open = new ConcurrentHashMap<>();

    /** @param background where the intents of the next steps are written while a step's call is under way */
    public OnboardingLedger(RequestLocks locks, LedgerStore store, String aepBaseUrl, String orgId, ScheduledExecutorService background) {
        this.locks = locks;
        this.store = store;
        this.scope = scope(aepBaseUrl, orgId);
        this.background = background;
    }

    /** Which AEP and org records belong to, so that two Platforms never share them. */
    public static String scope(String aepBaseUrl, String orgId) {
        return DefinitionDiff.sha256(aepBaseUrl + "|" + orgId).substring(0, 16);
    }

    /** How a request starts, given what the store knows of its id. */
    public enum Start { NEW, RESUME, COMPLETE, SCHEDULE_CHANGED }

    /**
     * Takes the request's lock (waiting, bounded, for another process or thread that holds it) and
     * opens its record. Once the record is open {@code opened} runs: from then on {@link #release}
     * must follow, also when this throws.
     */
    public Start begin(OnboardingRequest request, JsonNode requestJson, Runnable opened) {
        LedgerKey key = new LedgerKey(scope, request.sandbox(), request.id());
        RequestLocks.Held lock = locks.acquire(key);
        try {
            String fingerprint = DefinitionDiff.fingerprint(requestJson);
            Optional<LedgerStore.Row> row = store.load(key);
            LedgerRecord entry = new LedgerRecord(key, lock);
            if (row.isEmpty()) {
                entry.define(fingerprint, requestJson);
                entry.declareFirstSteps();
                store.create(key, lock.owner(), entry.row());   // the load found no row, and the lock keeps it so
                entry.written = entry.version;
                open.put(name(key), entry);
                opened.run();
                return Start.NEW;
            }
            entry.read(row.get());
            open.put(name(key), entry);
            opened.run();
            if (!entry.complete) {
                if (!entry.fingerprint.equals(fingerprint)) {
                    // an unfinished request may be corrected and re-submitted: steps whose payload is unchanged are reused
                    entry.define(fingerprint, requestJson);
                }
                entry.declareFirstSteps();
                entry.takeOver(store);   // takes the row over (owner), with the intents of the steps that can go first
                return Start.RESUME;
            }
            store.claim(key, lock.owner());
            if (entry.fingerprint.equals(fingerprint)) {
                return Start.COMPLETE;
            }
            List<String> changes = DefinitionDiff.differences(entry.request, requestJson);
            if (changes.stream().allMatch(c -> c.startsWith("$.schedule."))) {
                return Start.SCHEDULE_CHANGED;   // Flow Service changes a flow's schedule in place (PATCH)
            }
            throw new OnboardingConflictException("DEFINITION_CHANGED", "request '" + request.id()
                    + "' was already onboarded with a different definition: " + String.join("; ", changes));
        } catch (OnboardingConflictException e) {
            throw e;   // the record stays open (its ids go into the failure document) until release
        } catch (RuntimeException e) {
            open.remove(name(key));
            lock.close();
            throw e;
        }
    }

    /**
     * Disable, enable, offboard: takes the request's lock like {@link #begin} and opens its record when
     * the store has one (claiming it, so the request's AEP calls are fenced), but never creates one.
     * True when the store has a record. {@link #release} must follow once {@code opened} ran.
     */
    public boolean open(OnboardingRequest request, Runnable opened) {
        LedgerKey key = new LedgerKey(scope, request.sandbox(), request.id());
        RequestLocks.Held lock = locks.acquire(key);
        try {
            Optional<LedgerStore.Row> row = store.load(key);
            LedgerRecord entry = new LedgerRecord(key, lock);
            row.ifPresent(entry::read);
            open.put(name(key), entry);
            opened.run();
            if (row.isPresent()) {
                store.claim(key, lock.owner());
            }
            return row.isPresent();
        } catch (RuntimeException e) {
            open.remove(name(key));
            lock.close();
            throw e;
        }
    }

    /** What the store holds of a request, read without its lock and without writing anything (plan). */
    public record Snapshot(boolean complete, JsonNode request, Map<String, String> ids, Map<String, String> payloadHashes,
                           java.util.Set<String> pending) {}

    public Optional<Snapshot> peek(OnboardingRequest request) {
        LedgerKey key = new LedgerKey(scope, request.sandbox(), request.id());
        return store.load(key).map(row -> {
            LedgerRecord entry = new LedgerRecord(key, null);
            entry.read(row);
            return new Snapshot(entry.complete, entry.request, Map.copyOf(entry.ids), Map.copyOf(entry.payloads),
                    java.util.Set.copyOf(entry.pending));
        });
    }

    /** Steps a crashed run intended and never recorded: their resource may exist without the store knowing. */
    public java.util.Set<String> pending(String sandbox, String id) {
        LedgerRecord entry = entry(sandbox, id);
        synchronized (entry) {
            return java.util.Set.copyOf(entry.pending);
        }
    }

    /**
     * Writes what is not in the store yet (ids recorded since the last write; intents of steps whose
     * turn never came are dropped), then releases the request's lock.
     */
    public void release(String sandbox, String id) {
        LedgerRecord entry = open.remove(sandbox + "/" + id);
        if (entry != null) {
            try {
                entry.flush(store, entry.dropUnsentIntents());
            } catch (RuntimeException e) {
                // those ids stay unrecorded and their intents pending: the next run finds them by name
                LOG.warn("could not record the last ids of request {} before releasing it: {}", entry.key, e.getMessage());
            } finally {
                entry.lock.close();
            }
        }
    }

    /** An open request's fence: its key and this process's token, which its row names as owner while the lock is held. */
    public LedgerStore.Fence fence(String sandbox, String id) {
        LedgerRecord entry = entry(sandbox, id);
        return new LedgerStore.Fence(entry.key, entry.lock.owner());
    }

    /** The id recorded for a step, if its payload is the one it was created from. */
    public String recall(String sandbox, String id, Step step, String payload) {
        LedgerRecord entry = open.get(sandbox + "/" + id);
        if (entry == null) {
            return null;
        }
        synchronized (entry) {
            String recorded = entry.ids.get(step.key());
            if (recorded != null && payload != null && !DefinitionDiff.sha256(payload).equals(entry.payloads.get(step.key()))) {
                throw new OnboardingConflictException("DEFINITION_CHANGED", "the " + step.routeName() + " of request '" + id
                        + "' was already created (" + recorded + ") from a different definition; use a new request id to change it");
            }
            return recorded;
        }
    }

    /** True when a previous attempt may have created the step's resource without recording it. */
    public boolean wasIntended(String sandbox, String id, Step step) {
        LedgerRecord entry = open.get(sandbox + "/" + id);
        if (entry == null) {
            return false;
        }
        synchronized (entry) {
            return entry.pending.contains(step.key()) || entry.sent.contains(step.key());
        }
    }

    /**
     * Returns once the step's intent is in the store: the step may send its POST (whose rate-limit
     * reservation checks the fence). The intents of the steps that depend on it, and any id recorded
     * since the last write, are then written in the background, during this step's call.
     */
    public void intend(String sandbox, String id, Step step) {
        LedgerRecord entry = entry(sandbox, id);
        long required;
        long latest;
        synchronized (entry) {
            Long declared = entry.ahead.get(step.key());
            entry.sent.add(step.key());
            required = declared != null ? declared : ++entry.version;
            entry.declare(step.dependents());
            latest = entry.version;
        }
        // written ahead (usually): nothing to wait for; else a write of it under way is waited for, or this makes it
        entry.flush(store, required);
        if (entry.written < latest) {
            entry.flushLater(store, background, latest);
        }
    }

    /** Records a step's id in memory: the record's next write carries it (see the class comment). */
    public void record(String sandbox, String id, Step step, String resourceId, String payload) {
        entry(sandbox, id).change(e -> {
            e.ids.put(step.key(), resourceId);
            if (payload != null) {
                e.payloads.put(step.key(), DefinitionDiff.sha256(payload));
            }
            e.pending.remove(step.key());
            e.sent.remove(step.key());
            e.ahead.remove(step.key());
        });
    }

    /**
     * Marks a request finished, with the ids of the sandbox's shared resources it used (flowSpec,
     * dataset base connection), so that a re-submission reports the same ids as the first answer.
     */
    public void complete(String sandbox, String id, Map<String, String> sharedIds) {
        update(sandbox, id, e -> {
            e.ids.putAll(sharedIds);
            e.complete = true;
            e.ahead.clear();
        });
    }

    /** The differences between a finished request's recorded definition and this one ({@code $.path: old -> new}). */
    public List<String> changes(String sandbox, String id, JsonNode requestJson) {
        LedgerRecord entry = open.get(sandbox + "/" + id);
        synchronized (entry) {
            return DefinitionDiff.differences(entry.request, requestJson);
        }
    }

    /** Makes this definition the recorded one, after its changes were applied to AEP in place. */
    public void accept(String sandbox, String id, JsonNode requestJson) {
        update(sandbox, id, e -> e.define(DefinitionDiff.fingerprint(requestJson), requestJson));
    }

    /** Forgets the id of a step whose resource was deleted (rollback). */
    public void forget(String sandbox, String id, Step step) {
        update(sandbox, id, e -> {
            e.ids.remove(step.key());
            e.payloads.remove(step.key());
        });
    }

    /**
     * After a rollback: drops the record when no id is left, so that a re-submission starts afresh.
     * A record that still holds ids (a DELETE that failed) is kept, so that a re-submission reuses them.
     */
    public void discardIfEmpty(String sandbox, String id) {
        LedgerRecord entry = open.get(sandbox + "/" + id);
        if (entry == null) {
            return;
        }
        entry.deleteIfEmpty(store);
    }

    /** Starts a request's record afresh, keeping its lock: its flow no longer exists in AEP. */
    public void reset(OnboardingRequest request, JsonNode requestJson) {
        update(request.sandbox(), request.id(), e -> {
            e.ids.clear();
            e.payloads.clear();
            e.pending.clear();
            e.sent.clear();
            e.ahead.clear();
            e.complete = false;
            e.define(DefinitionDiff.fingerprint(requestJson), requestJson);
            e.declareFirstSteps();
        });
    }

    /** Ids recorded so far, in step order (what a failure document lists). */
    public Map<String, String> ids(String sandbox, String id) {
        LedgerRecord entry = open.get(sandbox + "/" + id);
        if (entry == null) {
            return Map.of();
        }
        return entry.orderedIds();
    }

    /** Changes the record and returns once the change (and every earlier one) is in the store. */
    private void update(String sandbox, String id, Consumer<LedgerRecord> change) {
        LedgerRecord entry = entry(sandbox, id);
        entry.flush(store, entry.change(change));
    }

    private LedgerRecord entry(String sandbox, String id) {
        LedgerRecord entry = open.get(sandbox + "/" + id);
        if (entry == null) {
            throw new IllegalStateException("request " + sandbox + "/" + id + " is not open in the ledger");
        }
        return entry;
    }


    private static String name(LedgerKey key) {
        return key.sandbox() + "/" + key.requestId();
    }
}
