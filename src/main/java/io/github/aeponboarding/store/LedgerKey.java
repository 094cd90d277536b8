package io.github.aeponboarding.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A request's key in the store: the scope (which AEP and org, so that two Platforms never share
 * records), the sandbox and the request id.
 */
public record LedgerKey(String scope, String sandbox, String requestId) {
    /** Binds scope, sandbox and request id from parameter {@code first} on. */
    void bind(PreparedStatement statement, int first) throws SQLException {
        statement.setString(first, scope);
        statement.setString(first + 1, sandbox);
        statement.setString(first + 2, requestId);
    }

    @Override
    public String toString() {
        return sandbox + "/" + requestId;
    }
}
