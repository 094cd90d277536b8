package io.github.aeponboarding.testsupport;

import io.github.aeponboarding.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;

/** Counts rows of the bundle's store, as an operator with a SQL client would. */
public final class StoreRows {
    private StoreRows() {
    }

    /** The store of a bundle running in this JVM. */
    public static DataSource of(CamelContext context) {
        return context.getRegistry().lookupByNameAndType("aepStore", Store.class).dataSource();
    }

    /** {@code select count(*) from <from-and-where>} with the given parameters. */
    public static long count(DataSource store, String fromWhere, Object... parameters) throws SQLException {
        try (Connection c = store.getConnection()) {
            return count(c, fromWhere, parameters);
        }
    }

    /** The same on the embedded store under a data folder (its process may be gone: H2 takes the file over). */
    public static long countEmbedded(Path dataDir, String fromWhere, Object... parameters) throws SQLException {
        try (Connection c = DriverManager.getConnection(Store.embeddedUrl(dataDir), "sa", "")) {
            return count(c, fromWhere, parameters);
        }
    }

    /** The first column of the first row of {@code sql} with the given parameters, as text (null: no row). */
    public static String value(DataSource store, String sql, Object... parameters) throws SQLException {
        try (Connection c = store.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long count(Connection c, String fromWhere, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from " + fromWhere)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
