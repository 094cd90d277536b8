package io.github.aeponboarding.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Sandboxes by name, created lazily with the seed on first use: any lower-case name is a sandbox. */
final class Sandboxes {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private final Map<String, SandboxState> byName = new ConcurrentHashMap<>();
    private final String orgId;

    Sandboxes(String orgId) {
        this.orgId = orgId;
    }

    SandboxState get(String name) {
        return byName.computeIfAbsent(name, n -> SeedData.newSandbox(n, orgId));
    }

    void clear() {
        byName.clear();
    }
}
