package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aeponboarding.aep.OnboardingConflictException;
import io.github.aeponboarding.request.OnboardingRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The durable record of what each request created: one small JSON file per request id, written
 * before a create (the intent) and after it (the id). It is what makes onboarding safe to repeat:
 * <ul>
 *   <li>a re-submitted, finished request is answered from it with one verifying GET;</li>
 *   <li>a request that failed half-way reuses every id recorded before the failing step;</li>
 *   <li>after a crash, a step with an intent but no id is looked up by name before it is created
 *       again, so a write whose response was lost is found instead of duplicated.</li>
 * </ul>
 * Files live under {@code <data-dir>/ledger/<scope>/<sandbox>/<id>.json}; the scope is derived
 * from the AEP base URL and org, so two Platforms never share records.
 * <p>
 * Two files per request. The record ({@code <id>.json}, with the request) is written when it starts
 * or starts afresh, to a temporary file moved into place atomically: a killed process leaves the old
 * or the new one. Each later change (an intent, an id, completion) appends one line to the journal
 * ({@code <id>.journal}), in a single write, with the record's whole mutable state (ids, payload
 * hashes, pending steps, complete): replacing the record on every step cost ~2 ms a write on ext4
 * (a rename over an existing file flushes its data) and serialised an onboarding's parallel steps on
 * the record's lock; an append costs microseconds. Loading takes the record, then the last readable
 * journal line of the record's epoch: lines of an older record are ignored, and a torn last line (the
 * process killed inside the write, before the POST it announces was sent) falls back to the line before.
 */
public class OnboardingLedger {
    private final Path root;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectMapper lines = new ObjectMapper();
    /** Keys sorted: the same request always has the same fingerprint (one mapper, its caches warm). */
    private final ObjectMapper canonicalWriter = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();

    public OnboardingLedger(Path dataDir, String aepBaseUrl, String orgId) {
        this.root = dataDir.resolve("ledger").resolve(sha256(aepBaseUrl + "|" + orgId).substring(0, 16));
    }

    /** How a request starts, given what the ledger already knows of its id. */
    public enum Start { NEW, RESUME, COMPLETE, SCHEDULE_CHANGED }

    /**
     * Opens the record of a request and holds it until {@link #release}: the same id is never
     * onboarded by two threads at once (a file drop and a JMS message, say).
     */
    public Start begin(OnboardingRequest request, JsonNode requestJson) {
        String key = key(request.sandbox(), request.id());
        Semaphore gate = inFlight.computeIfAbsent(key, k -> new Semaphore(1));
        try {
            if (!gate.tryAcquire(10, TimeUnit.MINUTES)) {
                throw new OnboardingConflictException("IN_PROGRESS", "request '" + request.id() + "' is already being onboarded");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try {
            Entry entry = load(key, request.sandbox(), request.id());
            String fingerprint = sha256(canonical(requestJson));
            if (entry == null) {
                entry = new Entry(request.id(), request.sandbox(), fingerprint, requestJson);
                entries.put(key, entry);
                save(entry);
                return Start.NEW;
            }
            synchronized (entry) {
                if (entry.fingerprint.equals(fingerprint)) {
                    return entry.complete ? Start.COMPLETE : Start.RESUME;
                }
                if (entry.complete) {
                    List<String> changes = differences(entry.request, requestJson);
                    if (changes.stream().allMatch(c -> c.startsWith("$.schedule."))) {
                        return Start.SCHEDULE_CHANGED;   // Flow Service changes a flow's schedule in place (PATCH)
                    }
                    throw new OnboardingConflictException("DEFINITION_CHANGED", "request '" + request.id()
                            + "' was already onboarded with a different definition: " + String.join("; ", changes));
                }
                // an unfinished request may be corrected and re-submitted: steps whose payload is unchanged are reused
                entry.fingerprint = fingerprint;
                entry.request = requestJson;
                save(entry);
                return Start.RESUME;
            }
        } catch (RuntimeException e) {
            gate.release();
            throw e;
        }
    }

    public void release(String sandbox, String id) {
        Semaphore gate = inFlight.get(key(sandbox, id));
        if (gate != null && gate.availablePermits() == 0) {
            gate.release();
        }
    }

    /** The id recorded for a step, if its payload is the one it was created from. */
    public String recall(String sandbox, String id, Step step, String payload) {
        Entry entry = entries.get(key(sandbox, id));
        if (entry == null) {
            return null;
        }
        synchronized (entry) {
            String recorded = entry.ids.get(step.key());
            if (recorded != null && payload != null && !sha256(payload).equals(entry.payloads.get(step.key()))) {
                throw new OnboardingConflictException("DEFINITION_CHANGED", "the " + step.routeName() + " of request '" + id
                        + "' was already created (" + recorded + ") from a different definition; use a new request id to change it");
            }
            return recorded;
        }
    }

    /** True when a previous attempt may have created the step's resource without recording it. */
    public boolean wasIntended(String sandbox, String id, Step step) {
        Entry entry = entries.get(key(sandbox, id));
        return entry != null && entry.pending.contains(step.key());
    }

    public void intend(String sandbox, String id, Step step) {
        update(sandbox, id, e -> e.pending.add(step.key()));
    }

    public void record(String sandbox, String id, Step step, String resourceId, String payload) {
        update(sandbox, id, e -> {
            e.ids.put(step.key(), resourceId);
            if (payload != null) {
                e.payloads.put(step.key(), sha256(payload));
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
        Entry entry = entries.get(key(sandbox, id));
        synchronized (entry) {
            return differences(entry.request, requestJson);
        }
    }

    /** Makes this definition the recorded one, after its changes were applied to AEP in place. */
    public void accept(String sandbox, String id, JsonNode requestJson) {
        update(sandbox, id, e -> {
            e.request = requestJson;
            e.fingerprint = sha256(canonical(requestJson));
        });
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
        String key = key(sandbox, id);
        Entry entry = entries.get(key);
        if (entry == null) {
            return;
        }
        synchronized (entry) {
            if (entry.ids.isEmpty()) {
                entries.remove(key);
                try {
                    Files.deleteIfExists(file(sandbox, id));
                    Files.deleteIfExists(journal(sandbox, id));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete ledger record of " + key, e);
                }
            }
        }
    }

    /** Starts a request's record afresh, keeping its gate: its flow no longer exists in AEP. */
    public void reset(OnboardingRequest request, JsonNode requestJson) {
        Entry entry = new Entry(request.id(), request.sandbox(), sha256(canonical(requestJson)), requestJson);
        entries.put(key(request.sandbox(), request.id()), entry);
        save(entry);
    }

    /** Ids recorded so far, in step order (what a failure document lists). */
    public Map<String, String> ids(String sandbox, String id) {
        Entry entry = entries.get(key(sandbox, id));
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
        Entry entry = entries.get(key(sandbox, id));
        if (entry == null) {
            throw new IllegalStateException("no ledger entry for " + sandbox + "/" + id);
        }
        synchronized (entry) {
            String fingerprint = entry.fingerprint;
            JsonNode request = entry.request;
            change.accept(entry);
            if (entry.fingerprint.equals(fingerprint) && entry.request == request) {
                append(entry);
            } else {
                save(entry);   // the definition itself changed (accept): the whole record, atomically
            }
        }
    }

    /** One journal line, one write: a killed process leaves the whole line or a torn last line. */
    private void append(Entry entry) {
        ObjectNode state = mutableState(lines.createObjectNode(), entry);
        Path journal = journal(entry.sandbox, entry.id);
        try {
            Files.write(journal, (lines.writeValueAsString(state) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to ledger journal " + journal, e);
        }
    }

    private ObjectNode mutableState(ObjectNode json, Entry entry) {
        json.put("epoch", entry.epoch);
        json.put("complete", entry.complete);
        json.set("ids", mapper.valueToTree(entry.ids));
        json.set("payloads", mapper.valueToTree(entry.payloads));
        json.set("pending", mapper.valueToTree(entry.pending));
        return json;
    }

    private static void readMutableState(JsonNode json, Entry entry) {
        entry.complete = json.path("complete").asBoolean(false);
        entry.ids.clear();
        entry.payloads.clear();
        entry.pending.clear();
        json.path("ids").fields().forEachRemaining(f -> entry.ids.put(f.getKey(), f.getValue().asText()));
        json.path("payloads").fields().forEachRemaining(f -> entry.payloads.put(f.getKey(), f.getValue().asText()));
        json.path("pending").forEach(p -> entry.pending.add(p.asText()));
    }

    /** The last readable journal line of the record's epoch, if any, is the record's current state. */
    private void replayJournal(Entry entry) throws IOException {
        Path journal = journal(entry.sandbox, entry.id);
        if (!Files.exists(journal)) {
            return;
        }
        JsonNode last = null;
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            try {
                JsonNode state = lines.readTree(line);
                if (state != null && state.path("epoch").asLong() == entry.epoch) {
                    last = state;
                }
            } catch (IOException torn) {
                break;
            }
        }
        if (last != null) {
            readMutableState(last, entry);
        }
    }

    private Entry load(String key, String sandbox, String id) {
        Entry cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        Path file = file(sandbox, id);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode json = mapper.readTree(file.toFile());
            Entry entry = new Entry(id, sandbox, json.path("fingerprint").asText(), json.path("request"));
            entry.epoch = json.path("epoch").asLong(0);
            readMutableState(json, entry);
            replayJournal(entry);
            entries.put(key, entry);
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable ledger record " + file, e);
        }
    }

    /**
     * Writes the whole record atomically, under a new epoch (random: a record deleted and begun again
     * never reuses one), then drops the journal, whose lines the record now contains.
     */
    private void save(Entry entry) {
        entry.epoch = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        ObjectNode json = mapper.createObjectNode();
        json.put("id", entry.id);
        json.put("sandbox", entry.sandbox);
        json.put("fingerprint", entry.fingerprint);
        json.put("updatedAt", Instant.now().toString());
        mutableState(json, entry);
        json.set("request", entry.request);
        Path file = file(entry.sandbox, entry.id);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), entry.id, ".tmp");
            Files.write(tmp, mapper.writeValueAsBytes(json));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(journal(entry.sandbox, entry.id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ledger record " + file, e);
        }
    }

    private Path file(String sandbox, String id) {
        return root.resolve(sandbox).resolve(id + ".json");
    }

    private Path journal(String sandbox, String id) {
        return root.resolve(sandbox).resolve(id + ".journal");
    }

    private static String key(String sandbox, String id) {
        return sandbox + "/" + id;
    }

    /** Field-by-field differences between two request documents, as {@code $.path: old -> new}. */
    static List<String> differences(JsonNode before, JsonNode after) {
        Map<String, String> a = new LinkedHashMap<>();
        Map<String, String> b = new LinkedHashMap<>();
        flatten("$", before, a);
        flatten("$", after, b);
        Set<String> paths = new LinkedHashSet<>(a.keySet());
        paths.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            String x = a.get(p);
            String y = b.get(p);
            if (x == null ? y != null : !x.equals(y)) {
                out.add(p + ": " + (x == null ? "(absent)" : x) + " -> " + (y == null ? "(absent)" : y));
            }
        }
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                flatten(path + "." + f.getKey(), f.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.put(path, node.toString());
        }
    }

    private String canonical(JsonNode json) {
        try {
            return canonicalWriter.writeValueAsString(lines.treeToValue(json, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Entry {
        final String id;
        final String sandbox;
        String fingerprint;
        JsonNode request;
        boolean complete;
        long epoch;
        final Map<String, String> ids = new LinkedHashMap<>();
        final Map<String, String> payloads = new LinkedHashMap<>();
        final Set<String> pending = new LinkedHashSet<>();

        Entry(String id, String sandbox, String fingerprint, JsonNode request) {
            this.id = id;
            this.sandbox = sandbox;
            this.fingerprint = fingerprint;
            this.request = request;
        }
    }
}
