package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.request.Action;
import io.github.aeponboarding.request.InvalidRequestException;
import io.github.aeponboarding.request.OnboardingRequest;
import io.github.aeponboarding.request.OnboardingRequest.Column;
import io.github.aeponboarding.request.Problem;
import io.github.aeponboarding.request.RequestReader;
import io.github.aeponboarding.request.RequestRules;
import io.github.aeponboarding.request.SourceCatalogue;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The first steps of every onboarding, before any AEP call: keep the original bytes (the dead
 * letter returns them unchanged), parse and validate, open the request's ledger record.
 */
public class RequestIntake {
    /** Why the trigger refused to read a message at all (e.g. a JMS ObjectMessage). */
    static final String REFUSED = "aepRefused";

    private final RequestReader reader;
    private final RequestRules rules = new RequestRules();
    private final OnboardingLedger ledger;
    private final SandboxResources sandboxes;
    private final String defaultSandbox;
    private final ObjectMapper mapper = new ObjectMapper();

    public RequestIntake(RequestReader reader, OnboardingLedger ledger, SandboxResources sandboxes, String defaultSandbox) {
        this.reader = reader;
        this.ledger = ledger;
        this.sandboxes = sandboxes;
        this.defaultSandbox = defaultSandbox;
    }

    /** Keeps the request exactly as it arrived, and a name for it (file name or JMS message id). */
    public void keepOriginal(Exchange ex) throws jakarta.jms.JMSException {
        byte[] bytes;
        if (ex.getMessage().getBody() instanceof jakarta.jms.Message jms) {
            bytes = JmsRequests.bytes(jms);
            if (bytes == null) {
                ex.setProperty(REFUSED, JmsRequests.refusal(jms));
            }
        } else {
            bytes = ex.getMessage().getBody(byte[].class);
        }
        ex.setVariable(ExchangeContract.ORIGINAL, bytes == null ? new byte[0] : bytes);
        String name = ex.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (name == null) {
            name = ex.getMessage().getHeader("JMSMessageID", String.class);
        }
        if (name == null) {
            name = ex.getExchangeId();
        }
        // a safe file name: JMS message ids hold ':' and a file name may hold anything
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        ex.setProperty(ExchangeContract.ORIGINAL_NAME, safe);
        ex.setProperty(ExchangeContract.REQUEST_NAME, safe);
    }

    public void read(Exchange ex) {
        String refused = ex.getProperty(REFUSED, String.class);
        if (refused != null) {
            throw new InvalidRequestException("$", refused);
        }
        byte[] bytes = ex.getVariable(ExchangeContract.ORIGINAL, byte[].class);
        if (bytes == null) {
            bytes = ex.getMessage().getBody(byte[].class);
        }
        String name = ex.getProperty(ExchangeContract.ORIGINAL_NAME, String.class);
        String triggerAction = ex.getProperty(ExchangeContract.TRIGGER_ACTION, String.class);
        if (triggerAction != null && Action.of(triggerAction).isEmpty()) {
            String shown = triggerAction.length() > 40 ? triggerAction.substring(0, 40) + "..." : triggerAction;
            throw new InvalidRequestException(Action.FIELD, "must be one of " + Action.words() + " (the trigger's AepAction is \""
                    + shown.replaceAll("\\p{Cntrl}", "?") + "\")");
        }
        RequestReader.Submission submission = reader.submission(bytes == null ? new byte[0] : bytes, name);
        // the trigger's own action (command-line sub-command, JMS property AepAction) wins over the document's
        Action action = triggerAction != null ? Action.of(triggerAction).orElseThrow()
                : submission.action() != null ? submission.action() : Action.ONBOARD;
        ex.setProperty(ExchangeContract.ACTION, action.word());
        OnboardingRequest request = submission.request();
        if (request.sandbox() == null) {
            request = request.withSandbox(defaultSandbox);
        }
        ex.setProperty(ExchangeContract.REQUEST, request);
        ex.setProperty(ExchangeContract.SOURCE, SourceCatalogue.standard().resolve(request));
        ex.setProperty(ExchangeContract.SANDBOX, request.sandbox());
        ex.setProperty(ExchangeContract.REQUEST_NAME, request.id());
    }

    /** Opens the ledger record; the record is released when the exchange completes, however it ends. */
    public void begin(Exchange ex) {
        OnboardingRequest r = request(ex);
        JsonNode json = mapper.valueToTree(r);
        OnboardingLedger.Start start = ledger.begin(r, json, () -> ex.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange exchange) {
                ledger.release(r.sandbox(), r.id());
            }
        }));
        ex.setProperty(ExchangeContract.START, start.name());
        ex.setProperty(ExchangeContract.FENCE, ledger.fence(r.sandbox(), r.id()));
        ex.setProperty(ExchangeContract.LOOKUP_PLAN, start == OnboardingLedger.Start.NEW ? LookupPlan.afterWitnesses() : LookupPlan.trustStore());
    }

    /**
     * Disable, enable and offboard: the request's lock (one process at a time, as for onboard) and its
     * record as the store has it; none is created. Sets {@link ExchangeContract#RECORDED}.
     */
    public void open(Exchange ex) {
        OnboardingRequest r = request(ex);
        boolean recorded = ledger.open(r, () -> ex.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange exchange) {
                ledger.release(r.sandbox(), r.id());
            }
        }));
        ex.setProperty(ExchangeContract.RECORDED, recorded);
        if (recorded) {
            ex.setProperty(ExchangeContract.FENCE, ledger.fence(r.sandbox(), r.id()));
        }
    }

    /** Puts a finished request's ids back into the headers its result reports. */
    public void recallIds(Exchange ex) {
        OnboardingRequest r = request(ex);
        ledger.ids(r.sandbox(), r.id()).forEach((key, id) -> {
            Step.fromKey(key).ifPresent(s -> ex.getMessage().setHeader(s.header(), id));
        });
    }

    /** The flow of a finished request is gone: start its record afresh, and forget the sandbox's shared resources. */
    public void forget(Exchange ex) {
        OnboardingRequest r = request(ex);
        for (Step s : Step.values()) {
            ex.getMessage().removeHeader(s.header());
        }
        ledger.reset(r, mapper.valueToTree(r));
        sandboxes.forget(ex);
        // what survives in AEP (connections, dataset, mapping set) is found by name and reused
        ex.setProperty(ExchangeContract.LOOKUP_PLAN, LookupPlan.always());
    }

    /** Columns from the explore API replace the missing ones, and are checked like given ones. */
    public void useDiscoveredColumns(Exchange ex) throws Exception {
        JsonNode answer = mapper.readTree(ex.getVariable(ExchangeContract.RESPONSE, String.class));
        List<Column> columns = new ArrayList<>();
        for (JsonNode c : answer.path("schema").path("columns")) {
            String type = c.path("type").asText(c.path("xdm").path("type").asText("string"));
            columns.add(new Column(c.path("name").asText(), type));
        }
        OnboardingRequest request = request(ex);
        if (columns.isEmpty()) {
            throw new InvalidRequestException("$.source.table", "the explore API lists no columns for table '" + request.source().table() + "'");
        }
        OnboardingRequest withColumns = request.withColumns(columns);
        List<Problem> problems = rules.checkColumns(withColumns);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        ex.setProperty(ExchangeContract.REQUEST, withColumns);
    }

    private static OnboardingRequest request(Exchange ex) {
        return ex.getProperty(ExchangeContract.REQUEST, OnboardingRequest.class);
    }
}
