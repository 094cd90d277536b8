package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.aep.AepError;
import io.github.aeponboarding.aep.AepRetryPolicy;
import io.github.aeponboarding.request.Action;
import io.github.aeponboarding.request.InvalidRequestException;
import io.github.aeponboarding.request.OnboardingRequest;
import io.github.aeponboarding.request.Problem;
import io.github.aeponboarding.request.SourceCatalogue;
import io.github.aeponboarding.request.SourceRules;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The one JSON document each request ends with: {@code CREATED}, {@code UNCHANGED},
 * {@code UPDATED} (a finished request's schedule changed in place), {@code DISABLED}, {@code ENABLED}
 * or {@code FAILED}, with the ids (for a failure, those created before it failed), the failing step,
 * AEP's status, code and message. It never holds a token or the client secret: it is built from
 * ids, the request id and AEP's error text only.
 */
public class OnboardingResults {
    private static final SourceRules WARNINGS = new SourceRules(SourceCatalogue.standard());
    private final ObjectMapper mapper = new ObjectMapper();
    private final OnboardingLedger ledger;
    private final AepRetryPolicy retryPolicy;

    public OnboardingResults(OnboardingLedger ledger, AepRetryPolicy retryPolicy) {
        this.ledger = ledger;
        this.retryPolicy = retryPolicy;
    }

    /** Marks the start of an onboarding; the result's {@code startedAt} and {@code elapsedMs} count from here. */
    public void start(Exchange ex) {
        ex.setProperty(ExchangeContract.STARTED_AT, System.currentTimeMillis());
    }

    public String created(Exchange ex) {
        OnboardingRequest r = AepPayloads.request(ex);
        Map<String, String> shared = new java.util.LinkedHashMap<>();
        for (Step s : new Step[] {Step.FLOW_SPEC, Step.DATASET_BASE_CONNECTION}) {
            String id = ex.getMessage().getHeader(s.header(), String.class);
            if (id != null) {
                shared.put(s.key(), id);
            }
        }
        ledger.complete(r.sandbox(), r.id(), shared);
        // found whole in AEP although the store had no record of it (a lost store): nothing was written
        return success(ex, LookupPlan.of(ex).adoptedEverything() ? "UNCHANGED" : "CREATED");
    }

    /** Disable or enable done: DISABLED or ENABLED, with the request's ids. */
    public String flowState(Exchange ex) {
        return success(ex, Action.of(ex.getProperty(ExchangeContract.ACTION, String.class)).orElseThrow().status());
    }

    public String unchanged(Exchange ex) {
        return success(ex, "UNCHANGED");
    }

    /** A finished request whose schedule was changed in place: its ids, and what changed. */
    public String updated(Exchange ex) throws Exception {
        ObjectNode doc = (ObjectNode) mapper.readTree(success(ex, "UPDATED"));
        doc.set("changes", mapper.valueToTree(ex.getProperty(ExchangeContract.CHANGES)));
        return mapper.writeValueAsString(doc);
    }

    public String failed(Exchange ex) throws Exception {
        Throwable failure = ex.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = ex.getException();
        }
        ObjectNode doc = base(ex, "FAILED");
        OnboardingRequest r = AepPayloads.request(ex);
        Map<String, String> ids = r == null ? Map.of() : ledger.ids(r.sandbox(), r.id());
        doc.set("ids", mapper.valueToTree(ids));
        if (ids.containsKey(Step.FLOW.key())) {
            doc.put("flowId", ids.get(Step.FLOW.key()));
        }
        doc.put("step", failedStep(ex, failure));
        AepError error = AepError.of(failure);
        if (error.httpStatus() != null) {
            doc.put("httpStatus", error.httpStatus());
        } else {
            doc.putNull("httpStatus");
        }
        doc.put("code", error.code());
        doc.put("message", error.message());
        if (AepError.unwrap(failure) instanceof InvalidRequestException invalid) {
            doc.set("problems", mapper.valueToTree(invalid.problems().stream().map(Problem::toString).toList()));
        }
        return mapper.writeValueAsString(doc);
    }

    private String success(Exchange ex, String status) {
        ObjectNode doc = base(ex, status);
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        for (Step s : Step.values()) {
            String id = ex.getMessage().getHeader(s.header(), String.class);
            if (id != null) {
                ids.put(s.key(), id);
            }
        }
        doc.put("flowId", ids.get(Step.FLOW.key()));
        doc.set("ids", mapper.valueToTree(ids));
        try {
            return mapper.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields every result starts with: id, kind, sandbox, status, startedAt, elapsedMs. */
    ObjectNode base(Exchange ex, String status) {
        OnboardingRequest r = AepPayloads.request(ex);
        ObjectNode doc = mapper.createObjectNode();
        doc.put("id", r == null ? ex.getProperty(ExchangeContract.REQUEST_NAME, String.class) : r.id());
        if (r != null) {
            doc.put("kind", r.kind());
            doc.put("sandbox", ex.getProperty(ExchangeContract.SANDBOX, String.class));
        }
        doc.put("status", status);
        // a deprecated source still onboards where AEP accepts it: the result says so
        if (r != null && !WARNINGS.warnings(r).isEmpty()) {
            doc.set("warnings", mapper.valueToTree(WARNINGS.warnings(r)));
        }
        long started = ex.getProperty(ExchangeContract.STARTED_AT, System.currentTimeMillis(), Long.class);
        doc.put("startedAt", Instant.ofEpochMilli(started).toString());
        doc.put("elapsedMs", System.currentTimeMillis() - started);
        return doc;
    }

    private String failedStep(Exchange ex, Throwable failure) {
        if (AepError.unwrap(failure) instanceof InvalidRequestException) {
            return "validation";
        }
        String step = retryPolicy.failedStep(failure);
        return step != null ? step : ex.getProperty(ExchangeContract.STEP, "validation", String.class);
    }
}
