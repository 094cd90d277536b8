package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** The bookkeeping fields Flow Service puts on every resource, and etags. */
final class FlowResources {
    private FlowResources() {
    }

    static String newEtag() {
        return "\"" + UUID.randomUUID() + "\"";
    }

    /** Sets id-independent metadata; {@code created} also sets the creation fields and version. */
    static void stamp(ObjectNode resource, SandboxState state, String clientId, boolean created) {
        long now = System.currentTimeMillis();
        if (created) {
            resource.put("createdAt", now);
            resource.put("createdBy", clientId + "@AdobeID");
            resource.put("createdClient", clientId);
            resource.put("sandboxId", state.sandboxId);
            resource.put("sandboxName", state.name);
            resource.put("imsOrgId", state.orgId);
        }
        resource.put("updatedAt", now);
        resource.put("updatedBy", clientId + "@AdobeID");
        resource.put("updatedClient", clientId);
        resource.put("etag", newEtag());
    }
}
