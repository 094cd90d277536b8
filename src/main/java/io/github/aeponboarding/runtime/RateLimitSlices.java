package io.github.aeponboarding.runtime;

import java.util.Locale;

/**
 * A rate limit as the {@code aep-http} route's throttle enforces it: at most {@code requests} in any
 * {@code periodMillis}. Short periods keep a batch evenly paced: with a whole second's worth of permits
 * at once, the bursts meet varying call latencies and a Platform counting over a sliding second sees
 * more than its limit (429s), although the client never sent more than its limit per second.
 */
public record RateLimitSlices(long requests, long periodMillis) {
    /**
     * @param perSecond the limit, requests per second (may be fractional)
     * @param sliceMillis the preferred period; the actual one is adjusted so that the rate stays exact
     *                    to about one percent, and is longer when the limit allows less than one request per slice
     */
    public static RateLimitSlices of(double perSecond, long sliceMillis) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("aep.rate-limit.requests-per-second must be positive: " + perSecond);
        }
        if (sliceMillis < 1) {
            throw new IllegalArgumentException("aep.rate-limit.slice-ms must be at least 1: " + sliceMillis);
        }
        long requests = Math.max(1, Math.round(perSecond * sliceMillis / 1000.0));
        long period = Math.max(1, Math.round(requests * 1000.0 / perSecond));
        // never above the limit: rounding the period down would raise the rate
        while (requests * 1000.0 / period > perSecond * 1.0001) {
            period++;
        }
        return new RateLimitSlices(requests, period);
    }

    public double perSecond() {
        return requests * 1000.0 / periodMillis;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d requests per %d ms (%.2f/s)", requests, periodMillis, perSecond());
    }
}
