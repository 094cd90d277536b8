package io.github.aeponboarding.store;

import com.zaxxer.hikari.HikariDataSource;
import io.github.aeponboarding.aep.OnboardingConflictException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One request id at a time across every process that shares the store. The lock is a row lock
 * ({@code SELECT ... FOR UPDATE NOWAIT}) held by an open transaction on a connection of its own for
 * as long as the onboarding runs: when the holder dies, the database ends the transaction and the
 * lock is free, with no lease to expire. A second arrival polls for a bounded time, then fails with
 * IN_PROGRESS rather than block a consumer for minutes. NOWAIT plus polling, rather than a blocking
 * lock with a timeout, because both PostgreSQL and H2 support it with the same SQL.
 */
public final class RequestLocks {
    private final DataSource dataSource;
    private final Duration maxWait;

    public RequestLocks(DataSource dataSource, Duration maxWait) {
        this.dataSource = dataSource;
        this.maxWait = maxWait;
    }

    /** A held lock; {@link #owner} is the fencing token the ledger writes carry. Closing it releases the lock. */
    public interface Held extends AutoCloseable {
        String owner();

        @Override
        void close();
    }

    public Held acquire(LedgerKey key) {
        try {
            return tryAcquire(key);
        } catch (StoreUnavailableException e) {
            // the database restarted: every pooled connection is dead; drop the idle ones, then try once more
            if (e.getCause() instanceof SQLException sql && Store.unreachable(sql)) {
                if (dataSource instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
                    pool.getHikariPoolMXBean().softEvictConnections();
                }
                return tryAcquire(key);
            }
            throw e;
        }
    }

    private Held tryAcquire(LedgerKey key) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into aep_request_lock (scope, sandbox, request_id) values (?, ?, ?) on conflict do nothing")) {
                key.bind(insert, 1);
                insert.executeUpdate();
            }
            connection.setAutoCommit(false);
            long pause = 5;
            while (true) {
                if (tryLock(connection, key)) {
                    return held(connection);
                }
                if (System.nanoTime() > deadline) {
                    connection.rollback();
                    connection.close();
                    throw new OnboardingConflictException("IN_PROGRESS", "request '" + key.requestId()
                            + "' is being onboarded by another process or thread" + (maxWait.isZero() ? "" : " for more than "
                            + maxWait.toSeconds() + " s") + "; send it again later (it is answered from that onboarding's outcome)");
                }
                Thread.sleep(pause);
                pause = Math.min(100, pause * 2);
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new StoreUnavailableException("cannot lock request '" + key.requestId() + "' in the store: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(connection);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lock of request '" + key.requestId() + "'", e);
        }
    }

    private static boolean tryLock(Connection connection, LedgerKey key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select request_id from aep_request_lock where scope = ? and sandbox = ? and request_id = ? for update nowait")) {
            key.bind(lock, 1);
            lock.executeQuery().close();
            return true;
        } catch (SQLException e) {
            if (lockNotAvailable(e)) {
                connection.rollback();
                return false;
            }
            throw e;
        }
    }

    /** PostgreSQL: 55P03 lock_not_available; H2: HYT00 lock timeout. */
    static boolean lockNotAvailable(SQLException e) {
        return "55P03".equals(e.getSQLState()) || "HYT00".equals(e.getSQLState());
    }

    private static Held held(Connection connection) {
        String owner = UUID.randomUUID().toString();
        return new Held() {
            private boolean closed;

            @Override
            public String owner() {
                return owner;
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    try {
                        connection.rollback();
                    } catch (SQLException ignored) {
                        // a lost connection has released the lock already
                    }
                    closeQuietly(connection);
                }
            }
        };
    }

    static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }
}
