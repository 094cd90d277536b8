package io.github.aeponboarding.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings the store's schema to the bundle's version when a process starts.
 *
 * <p>On PostgreSQL the bundle may share a database whose schema already holds other tables, so Flyway
 * baselines a schema it finds without its history table. Replicas of a fresh deployment start at the same
 * moment, and Flyway's baseline is not guarded by its own lock: a second replica would find the first
 * one's tables, try to baseline and fail. So the whole migration runs under a session advisory lock, taken
 * on a connection of its own (outside the pool, whatever its size) and released with it, also when its
 * holder dies. The embedded database is the bundle's alone (no baseline), but processes of one folder may
 * also start together and Flyway's own locking does not keep two of them from applying the same version on
 * H2: there a file lock beside the database plays the advisory lock's part.
 */
final class StoreMigration {
    /** Flyway's history table, namespaced like every table of the bundle. */
    static final String HISTORY_TABLE = "aep_schema_history";
    /** The advisory lock's key: the first 8 bytes of "aep-onbo" read as a number, unlikely to be anyone else's. */
    private static final long LOCK_KEY = 0x6165702d6f6e626fL;
    /** The highest version under db/aep-onboarding (StoreMigrationTest checks that it is). */
    static final String LATEST_VERSION = "1";

    private StoreMigration() {
    }

    static void migrate(DataSource dataSource, boolean embedded, StoreSettings settings) {
        // Flyway's classes and checks cost a one-shot command about a second (of a two-second budget): a
        // store that already holds the latest version needs none of it. Its validation of the applied
        // scripts' checksums is skipped too; a store not yet at the latest version still gets all of it.
        if (upToDate(dataSource)) {
            return;
        }
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/aep-onboarding").table(HISTORY_TABLE);
        if (embedded) {
            migrateEmbedded(flyway, settings.dataDir().resolve("store"));
            return;
        }
        try (Connection lock = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             Statement st = lock.createStatement()) {
            // a replica stuck mid-migration holds the others back for a minute at most, then they fail clearly
            st.execute("set lock_timeout = '60s'");
            st.execute("select pg_advisory_lock(" + LOCK_KEY + ")");
            flyway.baselineOnMigrate(true).baselineVersion("0").load().migrate();
            st.execute("select pg_advisory_unlock(" + LOCK_KEY + ")");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the migration lock: " + e.getMessage(), e);
        }
    }

    /** True when the history table records the latest version as applied; false when it is missing or the store unreachable. */
    static boolean upToDate(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select count(*) from " + HISTORY_TABLE + " where success and version = '"
                     + LATEST_VERSION + "'")) {
            return rs.next() && rs.getInt(1) > 0;
        } catch (SQLException e) {
            return false;   // no history table yet (a new store), or no database: Flyway says which
        }
    }

    /** The JVM's monitor first: a file lock is held per process, a second one in the same JVM would be refused. */
    private static synchronized void migrateEmbedded(FluentConfiguration flyway, Path storeDir) {
        try {
            Files.createDirectories(storeDir);
            try (FileChannel channel = FileChannel.open(storeDir.resolve("migration.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                flyway.load().migrate();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot take the migration lock in " + storeDir + ": " + e.getMessage(), e);
        }
    }
}
