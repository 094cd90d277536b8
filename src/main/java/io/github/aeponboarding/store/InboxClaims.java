package io.github.aeponboarding.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Claims of the files of a shared inbox, for Camel's idempotent read lock
 * ({@code readLock=idempotent-changed}): the replica whose INSERT adds the file's key onboards it;
 * the others skip it. One atomic {@code INSERT ... ON CONFLICT DO NOTHING}, unlike a count-then-insert.
 * A claim whose process died (its file was never moved out of the inbox) is taken over: liveness comes
 * from {@link ProcessRegistry}, so a restarted or surviving replica onboards the file.
 */
public final class InboxClaims extends ServiceSupport implements IdempotentRepository {
    private final DataSource dataSource;
    private final ProcessRegistry processes;

    public InboxClaims(DataSource dataSource, ProcessRegistry processes) {
        this.dataSource = dataSource;
        this.processes = processes;
    }

    @Override
    public boolean add(String key) {
        try (Connection c = dataSource.getConnection()) {
            processes.ensureRegistered();
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into aep_inbox_claim (claim_key, process_id, claimed_at) values (?, ?, ?) on conflict do nothing")) {
                insert.setString(1, key);
                insert.setString(2, processes.processId());
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                if (insert.executeUpdate() == 1) {
                    return true;
                }
            }
            String holder = holder(c, key);
            if (holder == null || holder.equals(processes.processId()) || processes.isAlive(c, holder)) {
                return false;
            }
            try (PreparedStatement takeOver = c.prepareStatement(
                    "update aep_inbox_claim set process_id = ?, claimed_at = ? where claim_key = ? and process_id = ?")) {
                takeOver.setString(1, processes.processId());
                takeOver.setTimestamp(2, Timestamp.from(Instant.now()));
                takeOver.setString(3, key);
                takeOver.setString(4, holder);
                return takeOver.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            // not claimed: the file stays in the inbox for the next poll
            throw new StoreUnavailableException("cannot claim inbox file " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean contains(String key) {
        try (Connection c = dataSource.getConnection()) {
            return holder(c, key) != null;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read inbox claims: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean remove(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("delete from aep_inbox_claim where claim_key = ? and process_id = ?")) {
            delete.setString(1, key);
            delete.setString(2, processes.processId());
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot release inbox claim " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("delete from aep_inbox_claim where process_id = ?")) {
            delete.setString(1, processes.processId());
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot clear inbox claims: " + e.getMessage(), e);
        }
    }

    private static String holder(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select process_id from aep_inbox_claim where claim_key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
