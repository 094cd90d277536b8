package io.github.aeponboarding.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The rows of the ledger: one per request id, read when its onboarding begins and rewritten (one
 * UPDATE, autocommit) with its intents and ids as the onboarding goes (see {@code OnboardingLedger}).
 * Every write names the owner (the fencing token of the request lock): when the lock was lost and
 * another process took the request over, the write matches no row and fails, so the old holder cannot
 * go on writing to AEP on stale records. The same check guards each AEP call of the request, in the
 * statement that reserves its slot of the rate limit ({@link SharedRateLimit#acquire(String, Fence)}).
 */
public final class LedgerStore {
    private final DataSource dataSource;

    public LedgerStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A request held by this process: its key and the lock's fencing token, which its row names as owner. */
    public record Fence(LedgerKey key, String owner) {
    }

    /** A request's row: its definition, the JSON of its mutable state, and whether it finished. */
    public record Row(String fingerprint, String request, String state, boolean complete) {
    }

    /** A request of the scope, as the {@code status} command and the run monitor list them. */
    public record Listed(String sandbox, String requestId, String state, boolean complete) {
    }

    /** Every request of a scope (one AEP and org), by sandbox and id. Reads only. */
    public List<Listed> list(String scope) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select sandbox, request_id, state, complete from aep_onboarding"
                     + " where scope = ? order by sandbox, request_id")) {
            s.setString(1, scope);
            List<Listed> listed = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) listed.add(new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
            }
            return listed;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot list the ledger: " + e.getMessage(), e);
        }
    }

    public Optional<Row> load(LedgerKey key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select fingerprint, request, state, complete from aep_onboarding"
                     + " where scope = ? and sandbox = ? and request_id = ?")) {
            key.bind(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", key, e);
        }
    }

    /** Makes {@code owner} the holder of an existing row (the lock is held; no one else writes it). */
    public void claim(LedgerKey key, String owner) {
        write(key, "update aep_onboarding set owner = ? where scope = ? and sandbox = ? and request_id = ?", owner);
    }

    /** Writes the whole row, creating it when absent (under the request lock: no concurrent creator). */
    public void put(LedgerKey key, String owner, Row row) {
        try (Connection c = dataSource.getConnection()) {
            if (update(c, key, row, owner, false) == 0) {
                insert(c, key, owner, row);
            }
        } catch (SQLException e) {
            throw failure("write", key, e);
        }
    }

    /** Creates the row of a request the store has no row for (its lock is held: no concurrent creator); one statement. */
    public void create(LedgerKey key, String owner, Row row) {
        try (Connection c = dataSource.getConnection()) {
            insert(c, key, owner, row);
        } catch (SQLException e) {
            throw failure("write", key, e);
        }
    }

    private static void insert(Connection c, LedgerKey key, String owner, Row row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into aep_onboarding (scope, sandbox, request_id,"
                + " fingerprint, request, state, complete, owner, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            key.bind(s, 1);
            s.setString(4, row.fingerprint());
            s.setString(5, row.request());
            s.setString(6, row.state());
            s.setBoolean(7, row.complete());
            s.setString(8, owner);
            Timestamp now = Timestamp.from(Instant.now());
            s.setTimestamp(9, now);
            s.setTimestamp(10, now);
            s.executeUpdate();
        }
    }

    /** Rewrites the row this owner holds; fails when it no longer holds it. */
    public void update(LedgerKey key, String owner, Row row) {
        try (Connection c = dataSource.getConnection()) {
            if (update(c, key, row, owner, true) == 0) {
                throw lost(key);
            }
        } catch (SQLException e) {
            throw failure("write", key, e);
        }
    }

    /** True while the fence's owner holds the row. */
    static boolean held(Connection c, Fence fence) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select 1 from aep_onboarding where scope = ? and sandbox = ? and request_id = ? and owner = ?")) {
            fence.key().bind(s, 1);
            s.setString(4, fence.owner());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void delete(LedgerKey key, String owner) {
        write(key, "delete from aep_onboarding where owner = ? and scope = ? and sandbox = ? and request_id = ?", owner);
    }

    /** Forgets every record (tests; what a lost or wiped store looks like). */
    public int deleteAll() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("delete from aep_onboarding")) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot empty the ledger: " + e.getMessage(), e);
        }
    }

    private static int update(Connection c, LedgerKey key, Row row, String owner, boolean fenced) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update aep_onboarding set fingerprint = ?, request = ?, state = ?,"
                + " complete = ?, owner = ?, updated_at = ? where scope = ? and sandbox = ? and request_id = ?"
                + (fenced ? " and owner = ?" : ""))) {
            s.setString(1, row.fingerprint());
            s.setString(2, row.request());
            s.setString(3, row.state());
            s.setBoolean(4, row.complete());
            s.setString(5, owner);
            s.setTimestamp(6, Timestamp.from(Instant.now()));
            key.bind(s, 7);
            if (fenced) {
                s.setString(10, owner);
            }
            return s.executeUpdate();
        }
    }

    private void write(LedgerKey key, String sql, String owner) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, owner);
            key.bind(s, 2);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", key, e);
        }
    }

    static IllegalStateException lost(LedgerKey key) {
        return new IllegalStateException("request '" + key.requestId() + "' is no longer held by this process"
                + " (its store lock was lost and taken over); stopping before writing to AEP");
    }

    private static RuntimeException failure(String what, LedgerKey key, SQLException e) {
        return new StoreUnavailableException("cannot " + what + " the ledger record of " + key + ": " + e.getMessage(), e);
    }
}
