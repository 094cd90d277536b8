package io.github.aeponboarding.cli;

import io.github.aeponboarding.runtime.BundleMain;
import io.github.aeponboarding.store.FileLedgerImport;
import io.github.aeponboarding.store.Store;
import io.github.aeponboarding.store.StoreSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Upgrade from the file ledger: imports {@code <data-dir>/ledger} into the store the bundle is
 * configured with (the same properties, environment variables and profile as the bundle), leaving the
 * rows the store already has as they are. Exit 0, 1 when a record was unreadable (or the store
 * unreachable), 2 on usage errors.
 */
@Command(name = "import-ledger", description = "Import the ledger of a release that kept it in files (data/ledger) into the store; "
        + "records the store already has are left as they are. Safe to run again.")
public class ImportLedgerCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "FOLDER", description = "The file ledger (default: <data-dir>/ledger, i.e. data/ledger).")
    Path from;

    @Option(names = "--data-dir", paramLabel = "FOLDER", description = "Where the embedded store is, when no --db-url (default: onboarding.data-dir).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC-URL", description = "The store (default: onboarding.db-url; empty: the embedded store under the data folder).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Default: onboarding.db-user.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "Default: onboarding.db-password (prefer the environment variable ONBOARDING_DB_PASSWORD).")
    String dbPassword;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path data = dataDir != null ? dataDir : Path.of(setting("onboarding.data-dir", "data"));
        Path ledger = from != null ? from : data.resolve("ledger");
        if (!Files.isDirectory(ledger)) {
            err.println("import-ledger: no such folder: " + ledger);
            return 2;
        }
        StoreSettings settings = new StoreSettings(dbUrl != null ? dbUrl.trim() : setting("onboarding.db-url", ""),
                dbUser != null ? dbUser : setting("onboarding.db-user", ""),
                dbPassword != null ? dbPassword : setting("onboarding.db-password", ""), data, 4,
                Long.parseLong(setting("onboarding.db-connect-timeout-ms", "5000")));
        FileLedgerImport.Result result;
        try (Store store = Store.open(settings)) {
            result = new FileLedgerImport(store.dataSource()).importFrom(ledger);
        } catch (IOException | RuntimeException e) {
            err.println("import-ledger: " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            err.flush();
            return 1;
        }
        out.println("imported " + result.imported() + ", skipped " + result.skipped() + " (already in the store), unreadable "
                + result.unreadable().size());
        result.unreadable().forEach(u -> out.println("unreadable: " + u));
        if (result.imported() + result.skipped() + result.unreadable().size() == 0) {
            err.println("import-ledger: no record under " + ledger + " (expected <scope>/<sandbox>/<id>.json: the ledger folder itself?)");
        }
        out.flush();
        return result.unreadable().isEmpty() ? 0 : 1;
    }

    /**
     * A property as the bundle resolves it: JVM system property, environment variable
     * ({@code ONBOARDING_DB_URL}), then the properties files of the profile, config/ before the jar's.
     */
    static String setting(String key, String defaultValue) {
        String env = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        return Optional.ofNullable(System.getProperty(key)).or(() -> Optional.ofNullable(System.getenv(env)))
                .or(() -> fromFiles(key)).orElse(defaultValue).trim();
    }

    private static Optional<String> fromFiles(String key) {
        for (String location : BundleMain.locations(BundleMain.profile(Map.of())).split(",")) {
            String where = location.replace(";optional=true", "");
            Properties properties = new Properties();
            try (InputStream in = where.startsWith("classpath:")
                    ? ImportLedgerCommand.class.getClassLoader().getResourceAsStream(where.substring("classpath:".length()))
                    : Files.isRegularFile(Path.of(where.substring("file:".length())))
                    ? Files.newInputStream(Path.of(where.substring("file:".length()))) : null) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                continue;   // optional, as for the bundle
            }
            if (properties.containsKey(key)) {
                return Optional.of(properties.getProperty(key));
            }
        }
        return Optional.empty();
    }
}
