package io.github.aeponboarding.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * One rate limit for every process that shares the store: the generic cell rate algorithm, with the
 * theoretical arrival time of the next request in one row per limiter (org and sandbox). Each call
 * reserves its slot with one atomic UPDATE (on PostgreSQL committed without waiting for the WAL flush:
 * {@link Store#rateLimitDataSource}) and waits until the slot, so N replicas together send at
 * most the limit in any sliding second, evenly spaced, with a few calls back to back (an onboarding's
 * parallel calls are not held back) but never a burst that a Platform counting over a sliding second
 * would answer with 429.
 */
public final class SharedRateLimit {
    private static final String RESERVE = "update aep_rate_limit set tat_micros = greatest(tat_micros, ?) + ? where limiter = ?";
    /** The fence: the request's row still names this process as its owner. */
    private static final String FENCED = " and exists (select 1 from aep_onboarding where scope = ? and sandbox = ? and request_id = ? and owner = ?)";

    /** Slots a call may miss (see {@link #acquire(String, LedgerStore.Fence)}) before it goes anyway. */
    private static final int MAX_ATTEMPTS = 4;

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
        acquire(sandbox, null);
    }

    /**
     * The same for a call of a request this process holds ({@code fence}; null: none): in the same
     * statement, so without a round trip of its own, the reservation checks that the request's row
     * still names this process as its owner, and fails, reserving nothing, once another process has
     * taken the request over (the fence that the ledger's writes apply too).
     */
    public void acquire(String sandbox, LedgerStore.Fence fence) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            long now = nowMicros();
            long slot = reserve(scope + "/" + sandbox, now, fence, true);
            // exactly until the slot: Thread.sleep would round a wait of a fraction of a millisecond up to a whole one
            long deadline = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(slot - toleranceMicros - now);
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for a slot of the rate limit");
                }
            }
            // a thread that got the CPU back only now (a loaded machine, a slow store) is past the next call's
            // slot: sent now, it would go out together with that call, and late calls bunching with punctual
            // ones are what a Platform counting over a sliding second answers with 429. Such a call takes a
            // new slot at the end of the queue instead (the missed one stays unused: capacity, not the limit).
            if (nowMicros() - slot <= intervalMicros || attempt == MAX_ATTEMPTS) {
                return;
            }
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    /** The start of this call's slot, microseconds since the epoch: one statement, atomic in the database. */
    private long reserve(String limiter, long now, LedgerStore.Fence fence, boolean retry) {
        try (Connection c = dataSource.getConnection()) {
            if (known.add(limiter)) {
                try (PreparedStatement insert = c.prepareStatement(
                        "insert into aep_rate_limit (limiter, tat_micros) values (?, 0) on conflict do nothing")) {
                    insert.setString(1, limiter);
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement update = c.prepareStatement(fence == null ? RESERVE : RESERVE + FENCED, new String[] {"tat_micros"})) {
                update.setLong(1, now);
                update.setLong(2, intervalMicros);
                update.setString(3, limiter);
                if (fence != null) {
                    fence.key().bind(update, 4);
                    update.setString(7, fence.owner());
                }
                update.executeUpdate();
                try (ResultSet tat = update.getGeneratedKeys()) {
                    if (tat.next()) {
                        return tat.getLong(1) - intervalMicros;
                    }
                }
            }
            if (fence != null && !LedgerStore.held(c, fence)) {
                throw LedgerStore.lost(fence.key());
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot reserve a slot of the shared rate limit: " + e.getMessage(), e);
        }
        // the row is gone (the table was emptied by hand): make it again, once
        known.remove(limiter);
        if (retry) {
            return reserve(limiter, now, fence, false);
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
