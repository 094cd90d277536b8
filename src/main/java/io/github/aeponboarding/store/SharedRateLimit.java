package io.github.aeponboarding.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * One rate limit for every process that shares the store: the generic cell rate algorithm, with the
 * theoretical arrival time of the next request in one row per limiter (org and sandbox). Each call
 * reserves its slot with one atomic UPDATE and sleeps until the slot, so N replicas together send at
 * most the limit in any sliding second, evenly spaced, with a few calls back to back (an onboarding's
 * parallel calls are not held back) but never a burst that a Platform counting over a sliding second
 * would answer with 429.
 */
public final class SharedRateLimit {
    private final DataSource dataSource;
    private final String scope;
    private final long intervalMicros;
    private final long toleranceMicros;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /**
     * @param perSecond the limit (may be fractional)
     * @param burstMillis how far ahead of its even slot a request may go, so that a few calls can go at once
     */
    public SharedRateLimit(DataSource dataSource, String scope, double perSecond, long burstMillis) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("aep.rate-limit.requests-per-second must be positive: " + perSecond);
        }
        if (burstMillis < 0) {
            throw new IllegalArgumentException("aep.rate-limit.slice-ms must not be negative: " + burstMillis);
        }
        this.dataSource = dataSource;
        this.scope = scope;
        this.toleranceMicros = burstMillis * 1000;
        // k calls spaced by the interval, the burst allowance taken out, span (k - 1) x interval - burst:
        // with interval = (1 s + burst) / limit, limit + 1 calls never fit in one second, so a Platform
        // counting over any sliding second sees at most the limit; the cost is a steady rate of
        // limit / (1 + burst in seconds), 98 % of it with the default 20 ms
        this.intervalMicros = Math.max(1, Math.round((1_000_000 + toleranceMicros) / perSecond));
    }

    /** Waits until a call to this sandbox (of the store's scope: AEP and org) may be sent (void: the message body stays). */
    public void acquire(String sandbox) throws InterruptedException {
        long now = System.currentTimeMillis() * 1000;
        long slot = reserve(scope + "/" + sandbox, now, true);
        long waitMicros = slot - toleranceMicros - now;
        if (waitMicros > 0) {
            Thread.sleep((waitMicros + 999) / 1000);
        }
    }

    /** The start of this call's slot, microseconds since the epoch: one statement, atomic in the database. */
    private long reserve(String limiter, long now, boolean retry) {
        try (Connection c = dataSource.getConnection()) {
            if (known.add(limiter)) {
                try (PreparedStatement insert = c.prepareStatement(
                        "insert into aep_rate_limit (limiter, tat_micros) values (?, 0) on conflict do nothing")) {
                    insert.setString(1, limiter);
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement update = c.prepareStatement(
                    "update aep_rate_limit set tat_micros = greatest(tat_micros, ?) + ? where limiter = ?", new String[] {"tat_micros"})) {
                update.setLong(1, now);
                update.setLong(2, intervalMicros);
                update.setString(3, limiter);
                update.executeUpdate();
                try (ResultSet tat = update.getGeneratedKeys()) {
                    if (tat.next()) {
                        return tat.getLong(1) - intervalMicros;
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot reserve a slot of the shared rate limit: " + e.getMessage(), e);
        }
        // the row is gone (the table was emptied by hand): make it again, once
        known.remove(limiter);
        if (retry) {
            return reserve(limiter, now, false);
        }
        throw new IllegalStateException("rate limiter row " + limiter + " cannot be created");
    }

    public double perSecond() {
        return 1_000_000.0 / intervalMicros;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "at most %.2f requests in any second (steady %.2f/s), shared by every process"
                + " of the store, up to %d back to back", (1_000_000.0 + toleranceMicros) / intervalMicros, perSecond(),
                1 + toleranceMicros / intervalMicros);
    }
}
