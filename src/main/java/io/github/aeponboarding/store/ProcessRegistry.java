package io.github.aeponboarding.store;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Which bundle processes are alive, without heartbeats: each process locks its own row of
 * {@code aep_process} in a transaction it keeps open for its whole life. A row another process can
 * lock belongs to a process that is gone (the database ended its transaction with its connection).
 */
public final class ProcessRegistry implements AutoCloseable {
    private final DataSource dataSource;
    private final String processId = UUID.randomUUID().toString();
    private Connection held;

    public ProcessRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String processId() {
        return processId;
    }

    /** Registers this process, or registers it again when its connection was lost (the database restarted). */
    public synchronized void ensureRegistered() throws SQLException {
        if (held != null && held.isValid(2)) {
            return;
        }
        RequestLocks.closeQuietly(held);
        held = null;
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into aep_process (process_id, host, started_at) values (?, ?, ?) on conflict do nothing")) {
                insert.setString(1, processId);
                insert.setString(2, host());
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("select process_id from aep_process where process_id = ? for update")) {
                lock.setString(1, processId);
                lock.executeQuery().close();
            }
            held = c;
        } catch (SQLException e) {
            RequestLocks.closeQuietly(c);
            throw e;
        }
    }

    /** True while the process holds its row; a process that never registered, or whose row is free, is gone. */
    public boolean isAlive(Connection c, String otherProcessId) throws SQLException {
        if (processId.equals(otherProcessId)) {
            return true;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement lock = c.prepareStatement("select process_id from aep_process where process_id = ? for update nowait")) {
            lock.setString(1, otherProcessId);
            lock.executeQuery().close();
            return false;
        } catch (SQLException e) {
            if (RequestLocks.lockNotAvailable(e)) {
                return true;
            }
            throw e;
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    @Override
    public synchronized void close() {
        if (held != null) {
            try (PreparedStatement delete = held.prepareStatement("delete from aep_process where process_id = ?")) {
                delete.setString(1, processId);
                delete.executeUpdate();
                held.commit();
            } catch (SQLException ignored) {
                // the row is freed with the connection anyway
            }
            RequestLocks.closeQuietly(held);
            held = null;
        }
    }
}
