package io.github.aeponboarding.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.cli.AepOnboardingCommand;
import io.github.aeponboarding.onboarding.DefinitionDiff;
import io.github.aeponboarding.onboarding.OnboardingLedger;
import io.github.aeponboarding.testsupport.BundleTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code import-ledger}: a file ledger of the previous release, in its format, into an embedded store. */
class ImportLedgerCommandTest {
    private static final Path ROOT = Path.of("target/it/import-ledger");
    private static final Path LEDGER = ROOT.resolve("old-data/ledger");
    private static final Path DATA = ROOT.resolve("data");
    private static final String SCOPE = OnboardingLedger.scope("https://platform.adobe.io", "CAFE@AdobeOrg");
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void oldLedger() throws Exception {
        BundleTest.clean(ROOT.toString());
        // finished: the record says half-way, the journal completes it; one line of an older epoch, a torn last line
        record("prod", "crm-1", 42, "{\"schema\":\"s-1\"}", "[\"dataset\"]");
        Files.writeString(LEDGER.resolve(SCOPE).resolve("prod/crm-1.journal"),
                "{\"epoch\":7,\"complete\":true,\"ids\":{\"schema\":\"old\"},\"payloads\":{},\"pending\":[]}\n"
                + "{\"epoch\":42,\"complete\":false,\"ids\":{\"schema\":\"s-1\",\"dataset\":\"d-1\"},\"payloads\":{\"schema\":\"h1\"},\"pending\":[]}\n"
                + "{\"epoch\":42,\"complete\":true,\"ids\":{\"schema\":\"s-1\",\"dataset\":\"d-1\",\"flow\":\"f-1\"},"
                + "\"payloads\":{\"schema\":\"h1\"},\"pending\":[]}\n"
                + "{\"epoch\":42,\"complete\":false,\"ids\":{\"sch");
        // unfinished, with an intent; its journal has a torn line the resumed process's next append was glued to
        record("dev", "pay-1", 5, "{}", "[]");
        Files.writeString(LEDGER.resolve(SCOPE).resolve("dev/pay-1.journal"),
                "{\"epoch\":5,\"complete\":false,\"ids\":{},\"payloads\":{},\"pending\":[\"schema\"]}\n"
                + "{\"epoch\":5,\"complete\":false,\"ids\":{\"sch"
                + "{\"epoch\":5,\"complete\":false,\"ids\":{\"schema\":\"s-2\"},\"payloads\":{\"schema\":\"h2\"},\"pending\":[\"dataset\"]}\n");
        Files.writeString(LEDGER.resolve(SCOPE).resolve("prod/broken.json"), "{\"id\":\"broken\",\"sandbox\":\"pr");
        Files.writeString(LEDGER.resolve(SCOPE).resolve("prod/crm-1123456.tmp"), "{\"id\":\"crm-1\"");   // a killed save: ignored
    }

    @Test
    void imports_each_record_once_as_the_file_ledger_last_saw_it() throws Exception {
        StringWriter out = new StringWriter();
        assertThat(run(out)).as(out.toString()).isEqualTo(1);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("imported 2, skipped 0 (already in the store), unreadable 1");
        assertThat(lines.get(1)).startsWith("unreadable: " + Path.of(SCOPE, "prod", "broken.json") + ": ");

        try (Store store = Store.open(new StoreSettings("", "", "", DATA, 2, 5000))) {
            LedgerStore ledger = new LedgerStore(store.dataSource());
            LedgerStore.Row crm = ledger.load(new LedgerKey(SCOPE, "prod", "crm-1")).orElseThrow();
            assertThat(crm.complete()).isTrue();
            assertThat(crm.request()).isEqualTo(request("crm-1").toString());
            assertThat(crm.fingerprint()).isEqualTo(DefinitionDiff.fingerprint(request("crm-1")));
            JsonNode crmState = mapper.readTree(crm.state());
            assertThat(crmState.path("ids").toString()).isEqualTo("{\"schema\":\"s-1\",\"dataset\":\"d-1\",\"flow\":\"f-1\"}");
            assertThat(crmState.path("payloads").toString()).isEqualTo("{\"schema\":\"h1\"}");
            assertThat(crmState.path("pending").toString()).isEqualTo("[]");

            LedgerStore.Row pay = ledger.load(new LedgerKey(SCOPE, "dev", "pay-1")).orElseThrow();
            assertThat(pay.complete()).isFalse();
            JsonNode payState = mapper.readTree(pay.state());
            assertThat(payState.path("ids").toString()).isEqualTo("{\"schema\":\"s-2\"}");
            assertThat(payState.path("pending").toString()).isEqualTo("[\"dataset\"]");
            assertThat(ledger.load(new LedgerKey(SCOPE, "prod", "broken"))).isEmpty();

            // the bundle moves on; a second import must not write the old state over it
            ledger.put(new LedgerKey(SCOPE, "dev", "pay-1"), "someone", new LedgerStore.Row(pay.fingerprint(), pay.request(),
                    "{\"ids\":{\"schema\":\"s-2\",\"dataset\":\"d-2\"},\"payloads\":{},\"pending\":[]}", true));
        }

        StringWriter again = new StringWriter();
        assertThat(run(again)).isEqualTo(1);
        assertThat(again.toString().lines().findFirst()).contains("imported 0, skipped 2 (already in the store), unreadable 1");
        try (Store store = Store.open(new StoreSettings("", "", "", DATA, 2, 5000))) {
            LedgerStore.Row pay = new LedgerStore(store.dataSource()).load(new LedgerKey(SCOPE, "dev", "pay-1")).orElseThrow();
            assertThat(pay.complete()).isTrue();
            assertThat(pay.state()).contains("d-2");
        }
    }

    @Test
    void exits_0_when_everything_was_read_and_2_without_a_ledger() throws Exception {
        Files.delete(LEDGER.resolve(SCOPE).resolve("prod/broken.json"));
        StringWriter out = new StringWriter();
        assertThat(run(out)).as(out.toString()).isZero();
        assertThat(out.toString().lines().toList()).containsExactly("imported 2, skipped 0 (already in the store), unreadable 0");

        assertThat(run(new StringWriter(), "--from", ROOT.resolve("no-such-folder").toString())).isEqualTo(2);
        assertThat(run(new StringWriter(), "--no-such-option")).isEqualTo(2);
    }

    /** The command on the old ledger and a fresh embedded store ({@code --db-url=}: whatever the environment says). */
    private static int run(StringWriter out) {
        return run(out, "--from", LEDGER.toString());
    }

    private static int run(StringWriter out, String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("import-ledger", "--data-dir", DATA.toString(),
                "--db-url="), java.util.Arrays.stream(args)).toArray(String[]::new);
        return new CommandLine(new AepOnboardingCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true)).execute(all);
    }

    /** A record as the file ledger saved it (indented, request last); its journal holds the later states. */
    private void record(String sandbox, String id, long epoch, String ids, String pending) throws Exception {
        Path dir = Files.createDirectories(LEDGER.resolve(SCOPE).resolve(sandbox));
        JsonNode request = request(id);
        Files.writeString(dir.resolve(id + ".json"), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(
                "{\"id\":\"" + id + "\",\"sandbox\":\"" + sandbox + "\",\"fingerprint\":\"" + DefinitionDiff.fingerprint(request)
                + "\",\"updatedAt\":\"2025-01-01T00:00:00Z\",\"epoch\":" + epoch + ",\"complete\":false,\"ids\":" + ids
                + ",\"payloads\":{},\"pending\":" + pending + ",\"request\":" + request + "}")));
    }

    private JsonNode request(String id) throws Exception {
        return mapper.readTree("{\"id\":\"" + id + "\",\"kind\":\"crm\",\"schedule\":{\"frequency\":\"hour\",\"interval\":1}}");
    }
}
