package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.request.InvalidRequestException;
import io.github.aeponboarding.request.OnboardingRequest;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;

/**
 * The request's source base connection, read before anything is written: it must exist in the
 * sandbox and belong to the request's connection spec. Otherwise AEP would refuse the source
 * connection only after the ad hoc class, the schemas, the dataset and the mapping set (which AEP
 * cannot delete) were created. A base connection's spec never changes, so what was read once is
 * kept per sandbox, like the flowSpec: only the first onboarding of a base connection pays the GET,
 * beside the flowSpec lookup.
 */
public class BaseConnectionCheck {
    private static final String FIELD = "$.source.baseConnectionId";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, String> specs = new ConcurrentHashMap<>();

    /** True when the base connection must be read; otherwise the request is checked against what was read before. */
    public boolean unknown(Exchange ex) {
        String spec = specs.get(key(ex));
        if (spec == null) {
            return true;
        }
        fits(request(ex), spec);
        return false;
    }

    /** Reads AEP's answer to {@code GET /connections/{id}}. */
    public void read(Exchange ex) throws IOException {
        JsonNode connection = mapper.readTree(ex.getVariable(ExchangeContract.RESPONSE, String.class)).path("items").path(0);
        String spec = connection.path("connectionSpec").path("id").asText("");
        fits(request(ex), spec);
        specs.put(key(ex), spec);
    }

    /** AEP answered 404. */
    public void missing(Exchange ex) {
        OnboardingRequest r = request(ex);
        throw new InvalidRequestException(FIELD, "no base connection " + r.source().baseConnectionId() + " in sandbox '"
                + r.sandbox() + "' (AEP answered 404); create it in the Sources UI or with POST /connections first");
    }

    private static void fits(OnboardingRequest r, String spec) {
        if (!spec.equals(r.source().connectionSpecId())) {
            throw new InvalidRequestException(FIELD, "base connection " + r.source().baseConnectionId()
                    + " belongs to connection spec " + spec + ", not to source.connectionSpecId " + r.source().connectionSpecId());
        }
    }

    private static String key(Exchange ex) {
        return ex.getProperty(ExchangeContract.SANDBOX, String.class) + "/" + request(ex).source().baseConnectionId();
    }

    private static OnboardingRequest request(Exchange ex) {
        return ex.getProperty(ExchangeContract.REQUEST, OnboardingRequest.class);
    }
}
