package io.github.aeponboarding.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aeponboarding.aep.OnboardingConflictException;
import io.github.aeponboarding.onboarding.DefinitionDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Upgrade: copies the ledger of the releases that kept it in files ({@code <data-dir>/ledger/<scope>/<sandbox>/<id>.json}
 * plus its {@code <id>.journal}) into the store. Each record is read as the file ledger read it: the
 * record's state, then the last readable journal line of the record's epoch. It is written only when
 * the store has no row for its key (a row there is as new or newer: it is never overwritten), under the
 * request's lock so that a running bundle cannot create the row meanwhile, with no owner (the next
 * onboarding of the request claims it). Pending intents are kept: a resumed request looks those steps
 * up by name before creating them. The scope is the folder name, computed as
 * {@code OnboardingLedger.scope} computes it. Running it again changes nothing.
 */
public final class FileLedgerImport {
    /** Every line of a journal starts with the epoch: a torn line with the next append glued to it starts it again inside. */
    private static final String LINE_START = "{\"epoch\":";

    private final ObjectMapper mapper = new ObjectMapper();
    private final LedgerStore ledger;
    private final RequestLocks locks;

    /** What an import did; {@code unreadable} names each record left out ({@code scope/sandbox/id.json: why}). */
    public record Result(int imported, int skipped, List<String> unreadable) {
    }

    public FileLedgerImport(DataSource dataSource) {
        this.ledger = new LedgerStore(dataSource);
        this.locks = new RequestLocks(dataSource, Duration.ofSeconds(10));
    }

    public Result importFrom(Path ledgerDir) throws IOException {
        List<Path> records;
        try (Stream<Path> files = Files.find(ledgerDir, 3, (p, a) -> a.isRegularFile() && p.toString().endsWith(".json")
                && ledgerDir.relativize(p).getNameCount() == 3)) {
            records = files.sorted().toList();
        }
        int imported = 0;
        int skipped = 0;
        List<String> unreadable = new ArrayList<>();
        for (Path file : records) {
            String name = ledgerDir.relativize(file).toString();
            LedgerKey key = key(file);
            LedgerStore.Row row;
            try {
                row = read(key, file);
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                unreadable.add(name + ": " + reason(e));
                continue;
            }
            if (write(key, row)) {
                imported++;
            } else {
                skipped++;
            }
        }
        return new Result(imported, skipped, List.copyOf(unreadable));
    }

    private static LedgerKey key(Path file) {
        String id = file.getFileName().toString();
        return new LedgerKey(file.getParent().getParent().getFileName().toString(),
                file.getParent().getFileName().toString(), id.substring(0, id.length() - ".json".length()));
    }

    /** Inserts the row unless the store has one; false when it had (or its request is being onboarded right now). */
    private boolean write(LedgerKey key, LedgerStore.Row row) {
        try (RequestLocks.Held lock = locks.acquire(key)) {
            if (ledger.load(key).isPresent()) {
                return false;
            }
            ledger.put(key, null, row);
            return true;
        } catch (OnboardingConflictException inProgress) {
            return false;   // a process holds the request: it has its row already
        }
    }

    /** The record as the file ledger loaded it, as a row of the store. */
    private LedgerStore.Row read(LedgerKey key, Path file) throws IOException {
        if (key.scope().length() > 16 || key.sandbox().length() > 63 || key.requestId().length() > 63) {
            throw new IllegalArgumentException("not a ledger record (scope, sandbox or id too long for the store)");
        }
        JsonNode record = mapper.readTree(file.toFile());
        if (record == null || !record.isObject() || !record.path("request").isObject()) {
            throw new IllegalArgumentException("not a ledger record (no request)");
        }
        JsonNode request = record.get("request");
        String fingerprint = record.path("fingerprint").asText("");
        if (fingerprint.isBlank()) {
            fingerprint = DefinitionDiff.fingerprint(request);   // what the file ledger computed
        }
        JsonNode state = replayJournal(file.resolveSibling(key.requestId() + ".journal"), record.path("epoch").asLong(0), record);
        ObjectNode columns = mapper.createObjectNode();
        columns.set("ids", textValues(state.path("ids")));
        columns.set("payloads", textValues(state.path("payloads")));
        ArrayNode pending = columns.putArray("pending");
        state.path("pending").forEach(p -> pending.add(p.asText()));
        return new LedgerStore.Row(fingerprint, request.toString(), columns.toString(), state.path("complete").asBoolean(false));
    }

    private ObjectNode textValues(JsonNode fields) {
        ObjectNode out = mapper.createObjectNode();
        fields.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
        return out;
    }

    /**
     * The last readable journal line of the record's epoch, else the record itself. Unlike the file
     * ledger, which stopped at the first unreadable line, later lines still count: a process killed
     * inside an append left a torn line that the next process's first append was glued to, and the
     * lines after it are states written later, by the resumed onboarding.
     */
    private JsonNode replayJournal(Path journal, long epoch, JsonNode record) throws IOException {
        JsonNode last = record;
        if (!Files.exists(journal)) {
            return last;
        }
        // decoded leniently: a torn line may end inside a character
        for (String line : new String(Files.readAllBytes(journal), StandardCharsets.UTF_8).lines().toList()) {
            int glued = line.lastIndexOf(LINE_START);
            JsonNode state = glued > 0 ? parse(line.substring(glued)) : null;
            if (state == null) {
                state = parse(line);
            }
            if (state != null && state.isObject() && state.path("epoch").asLong() == epoch) {
                last = state;
            }
        }
        return last;
    }

    /** One line: Jackson's message without its location block. */
    private static String reason(Exception e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : String.valueOf(e.getMessage());
        return message.lines().findFirst().orElse(e.getClass().getSimpleName());
    }

    private JsonNode parse(String line) {
        try {
            return mapper.readTree(line);
        } catch (IOException torn) {
            return null;
        }
    }
}
