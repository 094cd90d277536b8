package io.github.aeponboarding.emulator;

import static io.github.aeponboarding.emulator.Tutorials.CATALOG;
import static io.github.aeponboarding.emulator.Tutorials.CONVERSION;
import static io.github.aeponboarding.emulator.Tutorials.DATA_LAKE_SPEC;
import static io.github.aeponboarding.emulator.Tutorials.FLOWS;
import static io.github.aeponboarding.emulator.Tutorials.PERSON_DETAILS;
import static io.github.aeponboarding.emulator.Tutorials.PROFILE;
import static io.github.aeponboarding.emulator.Tutorials.REGISTRY;

import java.util.List;
import java.util.Map;

/**
 * Adobe's API tutorials of today's sources, by hand: a source connection with {@code data.format} and
 * {@code params} only, a target connection without a base connection, and the flow. For the tests of
 * the seeded sources and the response-conformance tour.
 */
final class TodaysRecipe {
    static final String STRIPE_SPEC = "cc2c31d6-7b8c-4581-b49f-5c8698aa3ab3";
    static final String STRIPE_CONNECTION = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
    static final String SUGARCRM_SPEC = "63d2b27b-69a5-45c9-a7fe-78148a25de3c";
    static final String SUGARCRM_CONNECTION = "7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e";
    static final String REST_STORAGE_TO_AEP = "6499120c-0b15-42dc-936e-847ea3c24d72";
    private static final String FULL = "application/vnd.adobe.xed-full+json;version=1";

    private final AepClient client;

    TodaysRecipe(AepClient client) {
        this.client = client;
    }

    /** The id in a creation's answer; a refusal of a step before the one under test fails the test, saying why. */
    private static String created(Reply reply, String pointer) {
        if (reply.status() >= 300) {
            throw new AssertionError("setting up today's recipe failed: " + reply);
        }
        return reply.json().at(pointer).asText();
    }

    Reply source(String baseConnectionId, String specId, String format, Map<String, Object> params) {
        return client.post(FLOWS + "/sourceConnections", Map.of("name", "source of " + specId, "baseConnectionId", baseConnectionId,
                "connectionSpec", Map.of("id", specId, "version", "1.0"), "data", Map.of("format", format), "params", params));
    }

    /** The target side (schema, dataset, target connection, mapping set of {@code email}), then the flow. */
    Reply flow(String sourceConnectionId, String flowSpecId, List<String> transformations, Map<String, Object> schedule) {
        String schema = created(client.post(REGISTRY + "/tenant/schemas", Map.of("title", "target " + java.util.UUID.randomUUID(), "description", "target schema", "type", "object",
                "allOf", List.of(Map.of("$ref", PROFILE), Map.of("$ref", PERSON_DETAILS)))), "/$id");
        String dataSet = created(client.post(CATALOG + "/dataSets?requestDataSource=true", Map.of("name", "dataset of " + sourceConnectionId,
                "schemaRef", Map.of("id", schema, "contentType", FULL))), "/0").replace("@/dataSets/", "");
        String target = created(client.post(FLOWS + "/targetConnections", Map.of("name", "target of " + sourceConnectionId,
                "connectionSpec", Map.of("id", DATA_LAKE_SPEC, "version", "1.0"),
                "data", Map.of("format", "parquet_xdm", "schema", Map.of("id", schema, "version", FULL)),
                "params", Map.of("dataSetId", dataSet))), "/id");
        String mappingSetId = created(client.post(CONVERSION + "/mappingSets", Map.of("outputSchema", Map.of("schemaRef", Map.of("id", schema, "contentType", FULL)),
                "mappings", List.of(Map.of("sourceType", "ATTRIBUTE", "source", "email", "destination", "person.name.fullName")))), "/id");
        List<Map<String, Object>> withIds = transformations.stream().map(name -> name.equals("Mapping")
                ? Map.<String, Object>of("name", "Mapping", "params", Map.of("mappingId", mappingSetId, "mappingVersion", "0"))
                : Map.<String, Object>of("name", name, "params", Map.of("mode", "append"))).toList();
        return client.post(FLOWS + "/flows", Map.of("name", "flow of " + sourceConnectionId, "flowSpec", Map.of("id", flowSpecId, "version", "1.0"),
                "sourceConnectionIds", List.of(sourceConnectionId), "targetConnectionIds", List.of(target),
                "transformations", withIds, "scheduleParams", schedule));
    }
}
