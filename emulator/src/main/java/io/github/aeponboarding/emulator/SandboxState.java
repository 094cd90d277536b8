package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * All resources of one sandbox, in memory. Maps keep insertion order so lists and pages are stable.
 * Not thread-safe by itself: the dispatcher handles each request while holding this object's monitor,
 * which makes every check-then-write (referential integrity, unique titles) atomic per sandbox.
 */
final class SandboxState {
    final String name;
    final String sandboxId = UUID.randomUUID().toString();
    final String orgId;

    // Flow Service
    final Map<String, ObjectNode> connectionSpecs = new LinkedHashMap<>();
    final Map<String, ObjectNode> flowSpecs = new LinkedHashMap<>();
    final Map<String, ObjectNode> connections = new LinkedHashMap<>();
    final Map<String, ObjectNode> sourceConnections = new LinkedHashMap<>();
    final Map<String, ObjectNode> targetConnections = new LinkedHashMap<>();
    final Map<String, ObjectNode> flows = new LinkedHashMap<>();
    final Map<String, ObjectNode> runs = new LinkedHashMap<>();
    /** Runs still in progress, by run id: when and how each ends (see {@link FlowRuns}). */
    final Map<String, FlowRuns.Pending> pendingRuns = new LinkedHashMap<>();
    /** Tables each base connection exposes through explore, by base connection id. */
    final Map<String, List<SeedData.Table>> tables = new LinkedHashMap<>();

    // Schema Registry, keyed by $id; global and tenant resources side by side
    final Map<String, ObjectNode> xdm = new LinkedHashMap<>();

    // Catalog and Data Prep
    final Map<String, ObjectNode> dataSets = new LinkedHashMap<>();
    final Map<String, ObjectNode> mappingSets = new LinkedHashMap<>();

    SandboxState(String name, String orgId) {
        this.name = name;
        this.orgId = orgId;
    }

    SeedData.Table table(String baseConnectionId, String path) {
        for (SeedData.Table table : tables.getOrDefault(baseConnectionId, List.of())) {
            if (table.path().equals(path) || table.name().equals(path)) return table;
        }
        return null;
    }
}
