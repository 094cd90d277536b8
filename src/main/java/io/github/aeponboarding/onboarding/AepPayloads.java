package io.github.aeponboarding.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.request.OnboardingRequest;
import io.github.aeponboarding.request.OnboardingRequest.Column;
import io.github.aeponboarding.request.SourceCatalogue;
import org.apache.camel.Exchange;

/**
 * The request body of each AEP call, built from the onboarding request and the ids collected so
 * far. Payloads follow Adobe's current specs and fix the tutorials' mistakes: {@code connectionSpec}
 * on every connection, the Data Lake spec on the target connection, integers where the flowSpec
 * says integer, the looked-up flowSpec id on the flow, each field group once.
 */
public class AepPayloads {
    public static final String DATA_LAKE_SPEC = "c604ff05-7f1a-43c0-8e18-33bf874cb11c";
    static final String ADHOC_BEHAVIOUR = "https://ns.adobe.com/xdm/data/adhoc";
    static final String NOTEXT_SCHEMA = "application/vnd.adobe.xed-full-notext+json; version=1";
    static final String FULL_SCHEMA = "application/vnd.adobe.xed-full+json;version=1";

    private final ObjectMapper mapper = new ObjectMapper();
    private final String flowSpecName;

    public AepPayloads(String flowSpecName) {
        this.flowSpecName = flowSpecName;
    }

    public void adhocClass(Exchange ex) {
        OnboardingRequest r = request(ex);
        ObjectNode columns = mapper.createObjectNode();
        for (Column c : r.source().columns()) {
            columns.set(c.name(), xdmType(c.type()));
        }
        ObjectNode adhoc = mapper.createObjectNode();
        adhoc.putObject("properties").putObject("_adhoc").put("type", "object").set("properties", columns);
        ObjectNode body = titled(ResourceNames.of(Step.ADHOC_CLASS, r), "Ad hoc class of the source columns of onboarding request " + r.id());
        ArrayNode allOf = body.putArray("allOf");
        allOf.addObject().put("$ref", ADHOC_BEHAVIOUR);
        allOf.add(adhoc);
        send(ex, body);
    }

    public void adhocSchema(Exchange ex) {
        OnboardingRequest r = request(ex);
        ObjectNode body = titled(ResourceNames.of(Step.ADHOC_SCHEMA, r), "Ad hoc schema of the source columns of onboarding request " + r.id());
        body.putArray("allOf").addObject().put("$ref", header(ex, Step.ADHOC_CLASS));
        send(ex, body);
    }

    /** A table, described by its columns (CRM tutorial; Salesforce, Dynamics, Veeva, Square). */
    public void tableSourceConnection(Exchange ex) {
        OnboardingRequest r = request(ex);
        ObjectNode body = sourceConnection(ex, r);
        ObjectNode params = body.putObject("params");
        params.put("tableName", r.source().table());
        ArrayNode columns = params.putArray("columns");
        for (Column c : r.source().columns()) {
            columns.addObject().put("name", c.name()).put("type", c.type());
        }
        send(ex, body);
    }

    /** A table named by its path in the payments application (payments tutorial; PayPal). */
    public void tablePathSourceConnection(Exchange ex) {
        OnboardingRequest r = request(ex);
        ObjectNode body = sourceConnection(ex, r);
        body.putObject("params").put("path", r.source().table());
        send(ex, body);
    }

    /** A REST resource of the source's API (Stripe: charges, customers, ...). */
    public void jsonResourceSourceConnection(Exchange ex) {
        OnboardingRequest r = request(ex);
        ObjectNode body = sourceConnection(ex, r);
        body.putObject("params").put("resourcePath", r.source().resourcePath());
        send(ex, body);
    }

    /** An object type and its path (SugarCRM: accounts, contacts). */
    public void jsonObjectSourceConnection(Exchange ex) {
        OnboardingRequest r = request(ex);
        ObjectNode body = sourceConnection(ex, r);
        body.putObject("params").put("object_type", r.source().objectType()).put("path", r.source().path());
        send(ex, body);
    }

    public void targetSchema(Exchange ex) {
        OnboardingRequest r = request(ex);
        ObjectNode body = titled(ResourceNames.of(Step.TARGET_SCHEMA, r), "Target schema of onboarding request " + r.id());
        ArrayNode allOf = body.putArray("allOf");
        allOf.addObject().put("$ref", r.target().schema().xdmClass());
        r.target().schema().fieldGroups().stream().distinct().forEach(fg -> allOf.addObject().put("$ref", fg));
        send(ex, body);
    }

    public void dataset(Exchange ex) {
        OnboardingRequest r = request(ex);
        ObjectNode body = named(ResourceNames.of(Step.DATASET, r), "Target dataset of onboarding request " + r.id());
        body.putObject("schemaRef").put("id", header(ex, Step.TARGET_SCHEMA)).put("contentType", FULL_SCHEMA);
        ex.setVariable(ExchangeContract.QUERY, "requestDataSource=true");
        send(ex, body);
    }

    public void datasetBaseConnection(Exchange ex) {
        ObjectNode body = named(ResourceNames.DATASET_BASE_CONNECTION, "Dataset base connection shared by the onboardings of this sandbox");
        body.putObject("connectionSpec").put("id", DATA_LAKE_SPEC).put("version", "1.0");
        send(ex, body);
    }

    public void targetConnection(Exchange ex) {
        OnboardingRequest r = request(ex);
        ObjectNode body = named(ResourceNames.of(Step.TARGET_CONNECTION, r), "Target connection of onboarding request " + r.id());
        if (Recipe.of(r).has(Step.DATASET_BASE_CONNECTION)) {
            body.put("baseConnectionId", header(ex, Step.DATASET_BASE_CONNECTION));
        }
        body.putObject("connectionSpec").put("id", DATA_LAKE_SPEC).put("version", "1.0");
        ObjectNode data = body.putObject("data");
        data.put("format", "parquet_xdm");
        data.putObject("schema").put("id", header(ex, Step.TARGET_SCHEMA)).put("version", FULL_SCHEMA);
        body.putObject("params").put("dataSetId", header(ex, Step.DATASET));
        send(ex, body);
    }

    public void mappingSet(Exchange ex) {
        OnboardingRequest r = request(ex);
        ObjectNode body = mapper.createObjectNode();
        body.put("name", ResourceNames.of(Step.MAPPING_SET, r));
        body.putObject("outputSchema").putObject("schemaRef").put("id", header(ex, Step.TARGET_SCHEMA)).put("contentType", FULL_SCHEMA);
        ArrayNode mappings = body.putArray("mappings");
        for (OnboardingRequest.Mapping m : r.mapping()) {
            mappings.addObject().put("sourceType", "ATTRIBUTE").put("source", m.source()).put("destination", m.destination());
        }
        send(ex, body);
    }

    /**
     * The request's flowSpec (its source's, in the catalogue) is looked up by name: its id is never copied
     * from a tutorial (the CRM one has the wrong one). A catalogue flowSpec without a name is read by id.
     * {@code aep.flow-spec-name} renames the tutorials' CRMToAEP.
     */
    public void flowSpec(Exchange ex) {
        SourceCatalogue.Source source = ex.getProperty(ExchangeContract.SOURCE, SourceCatalogue.Source.class);
        SourceCatalogue.FlowSpec spec = source == null ? null : source.flowSpec();
        String name = spec == null || spec.key().equals(SourceCatalogue.DEFAULT_FLOW_SPEC) ? flowSpecName : spec.name();
        if (name != null) {
            ex.setVariable(ExchangeContract.QUERY, "property=name==" + name);
        } else {
            ex.setVariable(ExchangeContract.PATH_SUFFIX, "/" + spec.id());
        }
        ex.getMessage().setBody(null);
    }

    public void flow(Exchange ex) {
        OnboardingRequest r = request(ex);
        ObjectNode body = named(ResourceNames.of(Step.FLOW, r), "Dataflow of onboarding request " + r.id());
        body.putObject("flowSpec").put("id", header(ex, Step.FLOW_SPEC)).put("version", "1.0");
        body.putArray("sourceConnectionIds").add(header(ex, Step.SOURCE_CONNECTION));
        body.putArray("targetConnectionIds").add(header(ex, Step.TARGET_CONNECTION));
        ArrayNode transformations = body.putArray("transformations");
        // only where the flowSpec takes it (validated against the catalogue and the flowSpec read)
        if (r.copy() != null) {
            transformations.addObject().put("name", "Copy").set("params", mapper.valueToTree(r.copy()));
        }
        transformations.addObject().put("name", "Mapping").putObject("params")
                .put("mappingId", header(ex, Step.MAPPING_SET)).put("mappingVersion", "0");
        body.set("scheduleParams", mapper.valueToTree(r.schedule()));
        send(ex, body);
    }

    /** The table's columns, for requests that leave them to the explore API. */
    /** The table to explore, URL-encoded for the aep-explore-columns query ({@code object=...}). */
    public String exploredTable(Exchange ex) {
        return java.net.URLEncoder.encode(request(ex).source().table(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private ObjectNode sourceConnection(Exchange ex, OnboardingRequest r) {
        ObjectNode body = named(ResourceNames.of(Step.SOURCE_CONNECTION, r), "Source connection of onboarding request " + r.id());
        body.put("baseConnectionId", r.source().baseConnectionId());
        body.putObject("connectionSpec").put("id", r.source().connectionSpecId()).put("version", "1.0");
        ObjectNode data = body.putObject("data");
        if (Recipe.of(r).has(Step.ADHOC_SCHEMA)) {
            data.put("format", "parquet_xdm");
            data.putObject("schema").put("id", header(ex, Step.ADHOC_SCHEMA)).put("version", NOTEXT_SCHEMA);
        } else {
            // today's recipe: the source's own format, no ad hoc schema
            data.put("format", ex.getProperty(ExchangeContract.SOURCE, SourceCatalogue.Source.class).shape().dataFormat());
        }
        return body;
    }

    private ObjectNode named(String name, String description) {
        ObjectNode body = mapper.createObjectNode();
        body.put("name", name);
        body.put("description", description);
        return body;
    }

    private ObjectNode titled(String title, String description) {
        ObjectNode body = mapper.createObjectNode();
        body.put("title", title);
        body.put("description", description);
        body.put("type", "object");
        return body;
    }

    private ObjectNode xdmType(String type) {
        ObjectNode t = mapper.createObjectNode();
        switch (type == null ? "string" : type) {
            case "integer", "long", "int", "short", "byte" -> t.put("type", "integer");
            case "number", "double", "float", "decimal" -> t.put("type", "number");
            case "boolean" -> t.put("type", "boolean");
            case "date" -> t.put("type", "string").put("format", "date");
            case "date-time", "datetime", "timestamp" -> t.put("type", "string").put("format", "date-time");
            default -> t.put("type", "string");
        }
        return t;
    }

    private void send(Exchange ex, ObjectNode body) {
        try {
            ex.getMessage().setBody(mapper.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static OnboardingRequest request(Exchange ex) {
        return ex.getProperty(ExchangeContract.REQUEST, OnboardingRequest.class);
    }

    private static String header(Exchange ex, Step step) {
        String id = ex.getMessage().getHeader(step.header(), String.class);
        if (id == null) {
            throw new IllegalStateException("no " + step.key() + " id yet: the routes run steps out of order");
        }
        return id;
    }
}
