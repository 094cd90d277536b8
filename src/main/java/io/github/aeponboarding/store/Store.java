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
    private final boolean embedded;

    private Store(HikariDataSource dataSource, boolean embedded) {
        this.dataSource = dataSource;
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
        return new Store(ds, embedded);
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
        dataSource.close();
    }
}
