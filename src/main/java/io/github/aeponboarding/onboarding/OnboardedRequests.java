package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.store.LedgerStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The requests the store has onboarded for this AEP and org, with their flow ids: what the
 * {@code status} command lists and the run monitor refreshes. Reads only; takes no lock.
 */
public class OnboardedRequests {
    /** A request as the store has it: its sandbox, id and flow (null until the flow exists). */
    public record Onboarded(String sandbox, String requestId, String flowId, boolean complete) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final LedgerStore store;
    private final String scope;

    public OnboardedRequests(LedgerStore store, String scope) {
        this.store = store;
        this.scope = scope;
    }

    /** Every request of the scope, by sandbox and id. */
    public List<Onboarded> all() {
        List<Onboarded> all = new ArrayList<>();
        for (LedgerStore.Listed row : store.list(scope)) {
            String flowId;
            try {
                flowId = MAPPER.readTree(row.state()).path("ids").path(Step.FLOW.key()).asText(null);
            } catch (IOException e) {
                flowId = null;   // an unreadable record is listed without a flow
            }
            all.add(new Onboarded(row.sandbox(), row.requestId(), flowId, row.complete()));
        }
        return all;
    }

    /** The requests with these ids (in any sandbox); all of them when none is given. */
    public List<Onboarded> withIds(Collection<String> ids) {
        return ids == null || ids.isEmpty() ? all() : all().stream().filter(r -> ids.contains(r.requestId())).toList();
    }
}
