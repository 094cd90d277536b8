package io.github.aeponboarding.emulator;

import java.util.ArrayDeque;
import java.util.Deque;

/** A sliding one-second window of at most N admitted requests; 0 turns it off. */
final class RateLimiter {
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private final Deque<Long> admitted = new ArrayDeque<>();
    private int perSecond;

    RateLimiter(int perSecond) {
        this.perSecond = perSecond;
    }

    synchronized void configure(int newPerSecond) {
        perSecond = newPerSecond;
        admitted.clear();
    }

    /** 0 when admitted, otherwise the whole seconds to wait (at least 1) for the Retry-After header. */
    synchronized long tryAcquire() {
        if (perSecond <= 0) return 0;
        long now = System.nanoTime();
        while (!admitted.isEmpty() && now - admitted.peekFirst() >= WINDOW_NANOS) admitted.pollFirst();
        if (admitted.size() < perSecond) {
            admitted.addLast(now);
            return 0;
        }
        long waitNanos = WINDOW_NANOS - (now - admitted.peekFirst());
        return Math.max(1, (waitNanos + WINDOW_NANOS - 1) / WINDOW_NANOS);
    }
}
