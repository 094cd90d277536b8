package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aeponboarding.aep.OnboardingConflictException;
import io.github.aeponboarding.request.OnboardingRequest;
import io.github.aeponboarding.store.LedgerKey;
import io.github.aeponboarding.store.LedgerStore;
import io.github.aeponboarding.store.RequestLocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * ({@link RequestLocks}); meanwhile its record is kept here and every change is written through
 * ({@link LedgerStore}), under the record's monitor so that parallel steps never write an older state
 * over a newer one.
 */
public class OnboardingLedger {
    private final ObjectMapper mapper = new ObjectMapper();
    private final RequestLocks locks;
    private final LedgerStore store;
    private final String scope;
    private final Map<String, Entry> open = new ConcurrentHashMap<>();

    public OnboardingLedger(RequestLocks locks, LedgerStore store, String aepBaseUrl, String orgId) {
        this.locks = locks;
        this.store = store;
        this.scope = scope(aepBaseUrl, orgId);
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
            Entry entry = new Entry(key, lock);
            if (row.isEmpty()) {
                entry.define(fingerprint, requestJson);
                put(entry);
                open.put(name(key), entry);
                opened.run();
                return Start.NEW;
            }
            entry.read(row.get(), mapper);
            store.claim(key, lock.owner());
            open.put(name(key), entry);
            opened.run();
            if (entry.fingerprint.equals(fingerprint)) {
                return entry.complete ? Start.COMPLETE : Start.RESUME;
            }
            if (entry.complete) {
                List<String> changes = DefinitionDiff.differences(entry.request, requestJson);
                if (changes.stream().allMatch(c -> c.startsWith("$.schedule."))) {
                    return Start.SCHEDULE_CHANGED;   // Flow Service changes a flow's schedule in place (PATCH)
                }
                throw new OnboardingConflictException("DEFINITION_CHANGED", "request '" + request.id()
                        + "' was already onboarded with a different definition: " + String.join("; ", changes));
            }
            // an unfinished request may be corrected and re-submitted: steps whose payload is unchanged are reused
            entry.define(fingerprint, requestJson);
            put(entry);
            return Start.RESUME;
        } catch (OnboardingConflictException e) {
            throw e;   // the record stays open (its ids go into the failure document) until release
        } catch (RuntimeException e) {
            open.remove(name(key));
            lock.close();
            throw e;
        }
    }

    public void release(String sandbox, String id) {
        Entry entry = open.remove(sandbox + "/" + id);
        if (entry != null) {
            entry.lock.close();
        }
    }

    /** The id recorded for a step, if its payload is the one it was created from. */
    public String recall(String sandbox, String id, Step step, String payload) {
        Entry entry = open.get(sandbox + "/" + id);
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
        Entry entry = open.get(sandbox + "/" + id);
        if (entry == null) {
            return false;
        }
        synchronized (entry) {
            return entry.pending.contains(step.key());
        }
    }

    public void intend(String sandbox, String id, Step step) {
        update(sandbox, id, e -> e.pending.add(step.key()));
    }

    public void record(String sandbox, String id, Step step, String resourceId, String payload) {
        update(sandbox, id, e -> {
            e.ids.put(step.key(), resourceId);
            if (payload != null) {
                e.payloads.put(step.key(), DefinitionDiff.sha256(payload));
            }
            e.pending.remove(step.key());
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
        });
    }

    /** The differences between a finished request's recorded definition and this one ({@code $.path: old -> new}). */
    public List<String> changes(String sandbox, String id, JsonNode requestJson) {
        Entry entry = open.get(sandbox + "/" + id);
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
        Entry entry = open.get(sandbox + "/" + id);
        if (entry == null) {
            return;
        }
        synchronized (entry) {
            if (entry.ids.isEmpty()) {
                store.delete(entry.key, entry.lock.owner());
            }
        }
    }

    /** Starts a request's record afresh, keeping its lock: its flow no longer exists in AEP. */
    public void reset(OnboardingRequest request, JsonNode requestJson) {
        update(request.sandbox(), request.id(), e -> {
            e.ids.clear();
            e.payloads.clear();
            e.pending.clear();
            e.complete = false;
            e.define(DefinitionDiff.fingerprint(requestJson), requestJson);
        });
    }

    /** Ids recorded so far, in step order (what a failure document lists). */
    public Map<String, String> ids(String sandbox, String id) {
        Entry entry = open.get(sandbox + "/" + id);
        if (entry == null) {
            return Map.of();
        }
        synchronized (entry) {
            Map<String, String> ordered = new LinkedHashMap<>();
            for (Step s : Step.values()) {
                String v = entry.ids.get(s.key());
                if (v != null) {
                    ordered.put(s.key(), v);
                }
            }
            return ordered;
        }
    }

    private void update(String sandbox, String id, java.util.function.Consumer<Entry> change) {
        Entry entry = open.get(sandbox + "/" + id);
        if (entry == null) {
            throw new IllegalStateException("request " + sandbox + "/" + id + " is not open in the ledger");
        }
        synchronized (entry) {
            change.accept(entry);
            store.update(entry.key, entry.lock.owner(), entry.row(mapper));
        }
    }

    private void put(Entry entry) {
        synchronized (entry) {
            store.put(entry.key, entry.lock.owner(), entry.row(mapper));
        }
    }

    private static String name(LedgerKey key) {
        return key.sandbox() + "/" + key.requestId();
    }

    private static final class Entry {
        final LedgerKey key;
        final RequestLocks.Held lock;
        String fingerprint;
        JsonNode request;
        boolean complete;
        final Map<String, String> ids = new LinkedHashMap<>();
        final Map<String, String> payloads = new LinkedHashMap<>();
        final Set<String> pending = new LinkedHashSet<>();

        Entry(LedgerKey key, RequestLocks.Held lock) {
            this.key = key;
            this.lock = lock;
        }

        void define(String fingerprint, JsonNode request) {
            this.fingerprint = fingerprint;
            this.request = request;
        }

        LedgerStore.Row row(ObjectMapper mapper) {
            ObjectNode state = mapper.createObjectNode();
            state.set("ids", mapper.valueToTree(ids));
            state.set("payloads", mapper.valueToTree(payloads));
            state.set("pending", mapper.valueToTree(pending));
            return new LedgerStore.Row(fingerprint, request.toString(), state.toString(), complete);
        }

        void read(LedgerStore.Row row, ObjectMapper mapper) {
            try {
                fingerprint = row.fingerprint();
                request = mapper.readTree(row.request());
                complete = row.complete();
                JsonNode state = mapper.readTree(row.state());
                state.path("ids").fields().forEachRemaining(f -> ids.put(f.getKey(), f.getValue().asText()));
                state.path("payloads").fields().forEachRemaining(f -> payloads.put(f.getKey(), f.getValue().asText()));
                state.path("pending").forEach(p -> pending.add(p.asText()));
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable ledger record " + key, e);
            }
        }
    }
}
