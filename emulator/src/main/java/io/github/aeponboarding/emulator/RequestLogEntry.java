package io.github.aeponboarding.emulator;

import java.time.Instant;
import java.util.List;

/**
 * One request as the emulator saw it. {@code status} is 0 when no response was sent (an injected
 * lost response or connection reset); {@code committed} says whether a write changed the state, which
 * is what a client cannot know after a lost response. {@code fault} names the injected fault, if any.
 */
public record RequestLogEntry(Instant time, String method, String path, int status, List<String> headerNames,
                              boolean committed, String fault) {
    public RequestLogEntry {
        headerNames = List.copyOf(headerNames);
    }
}
