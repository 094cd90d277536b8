package io.github.aeponboarding.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last {@value #CAPACITY} requests, oldest first; bounded so a benchmark cannot exhaust memory. */
final class RequestLog {
    static final int CAPACITY = 100_000;
    private final Deque<RequestLogEntry> entries = new ArrayDeque<>();

    synchronized void add(RequestLogEntry entry) {
        if (entries.size() == CAPACITY) entries.pollFirst();
        entries.addLast(entry);
    }

    synchronized List<RequestLogEntry> snapshot() {
        return List.copyOf(new ArrayList<>(entries));
    }

    synchronized void clear() {
        entries.clear();
    }
}
