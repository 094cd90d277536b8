package io.github.aeponboarding.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The shared store: a pooled connection to the database every replica uses (PostgreSQL in
 * production), its schema migrated on start. With no URL it is an H2 database under the data folder,
 * in PostgreSQL mode, so that the local profile needs no server and runs the same SQL and migrations;
 * {@code AUTO_SERVER} lets a second process in the same folder (the command line beside a running
 * bundle) share it.
 */
public final class Store implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final HikariDataSource rateLimitDataSource;
    private final boolean embedded;

    private Store(HikariDataSource dataSource, HikariDataSource rateLimitDataSource, boolean embedded) {
        this.dataSource = dataSource;
        this.rateLimitDataSource = rateLimitDataSource;
        this.embedded = embedded;
    }

    public static Store open(StoreSettings settings) {
        boolean embedded = settings.url().isBlank();
        HikariConfig config = new HikariConfig();
        config.setPoolName("aep-store");
        config.setJdbcUrl(embedded ? embeddedUrl(settings.dataDir()) : settings.url());
        config.setUsername(embedded ? "sa" : settings.user());
        config.setPassword(embedded ? "" : settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(settings.connectTimeoutMillis());
        config.setValidationTimeout(Math.min(5000, settings.connectTimeoutMillis()));
        // start even while the database is down: requests then fail clearly (STORE_UNAVAILABLE) until it is back
        config.setInitializationFailTimeout(-1);
        HikariDataSource ds = new HikariDataSource(config);
        try {
            StoreMigration.migrate(ds, embedded, settings);
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreUnavailableException("cannot migrate the store at " + redacted(config.getJdbcUrl()), e);
        }
        return new Store(ds, config.getJdbcUrl().startsWith("jdbc:postgresql:") ? asyncCommitPool(config) : null, embedded);
    }

    /**
     * PostgreSQL: a few connections of their own for the shared rate limit, with {@code synchronous_commit
     * off}. A slot reservation must be atomic and seen by every replica at once, which an asynchronous
     * commit is (it changes only when the WAL reaches the disk, not when others see the row); it need not
     * survive a crash of the database, since the reservation lies at most a burst ahead of the clock and
     * a restart takes longer than that. So a call waits for one round trip instead of a WAL flush, and
     * the setting never reaches the ledger's connections, whose intents must be durable before the POST.
     */
    private static HikariDataSource asyncCommitPool(HikariConfig main) {
        HikariConfig config = new HikariConfig();
        main.copyStateTo(config);
        config.setPoolName("aep-store-rate-limit");
        config.setMaximumPoolSize(Math.min(4, main.getMaximumPoolSize()));
        config.setMinimumIdle(1);
        config.setConnectionInitSql("set synchronous_commit to off");
        return new HikariDataSource(config);
    }

    /**
     * WRITE_DELAY=0: H2 otherwise writes a commit to its file up to 500 ms later, and a process killed
     * in between loses an intent recorded just before the POST it announces (the POST then repeated).
     */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("store").resolve("aep-onboarding")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Connections for {@link SharedRateLimit}: on PostgreSQL with asynchronous commits (see {@link #asyncCommitPool}). */
    public DataSource rateLimitDataSource() {
        return rateLimitDataSource != null ? rateLimitDataSource : dataSource;
    }

    public boolean embedded() {
        return embedded;
    }

    /** The JDBC URL without anything that could be a credential (logs, health). */
    public String describe() {
        return redacted(dataSource.getJdbcUrl());
    }

    static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** True when a statement failed because the database cannot be reached (as opposed to a SQL error). */
    static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P");
    }

    @Override
    public void close() {
        if (rateLimitDataSource != null) {
            rateLimitDataSource.close();
        }
        dataSource.close();
    }
}
