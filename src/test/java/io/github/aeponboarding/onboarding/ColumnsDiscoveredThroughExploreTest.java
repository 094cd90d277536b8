package io.github.aeponboarding.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.runtime.OnboardingConfiguration;
import io.github.aeponboarding.testsupport.AepClient;
import io.github.aeponboarding.testsupport.BundleTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

@CamelMainTest(configurationClasses = OnboardingConfiguration.class,
        propertyPlaceholderLocations = {BundleTest.LOCAL_PROFILE_1, BundleTest.LOCAL_PROFILE_2},
        properties = {"onboarding.data-dir=target/it/explore/data",
            "onboarding.file-trigger-enabled=false", "onboarding.jms-trigger-enabled=false"})
class ColumnsDiscoveredThroughExploreTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @BeanInject
    CamelContext context;

    @Test
    void a_request_without_columns_gets_the_tables_columns_from_the_explore_api() throws Exception {
        BundleTest.clean("target/it/explore");
        JsonNode result = onboard(withoutColumns().replace("id: crm-salesforce-contacts", "id: crm-explored"));
        assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("CREATED");

        AepClient aep = BundleTest.aep(context);
        String table = "/data/foundation/flowservice/connections/4cb0c374-d3bb-4557-b139-5712880adc55/explore?objectType=table&object=Contact";
        List<String> explored = names(aep.get(table).path("schema").path("columns"));
        JsonNode source = aep.get("/data/foundation/flowservice/sourceConnections/" + result.path("ids").path("sourceConnection").asText())
                .path("items").path(0);
        assertThat(names(source.path("params").path("columns"))).isEqualTo(explored).contains("first_name", "email");
    }

    @Test
    void a_mapping_of_a_column_the_table_lacks_fails_before_any_write() throws Exception {
        BundleTest.clean("target/it/explore");
        JsonNode result = onboard(withoutColumns().replace("source: email,", "source: e_mail,"));
        assertThat(result.path("status").asText()).isEqualTo("FAILED");
        assertThat(result.path("problems").toString()).contains("$.mapping[2].source").contains("e_mail");
        assertThat(BundleTest.emulator(context).requestLog()).as("no write").noneMatch(e -> e.method().equals("POST") && e.path().startsWith("/data/"));
    }

    private JsonNode onboard(String request) throws Exception {
        Exchange done = context.createProducerTemplate().send("direct:aep-onboard-file", ex -> ex.getMessage().setBody(request.getBytes()));
        return mapper.readTree(done.getMessage().getBody(String.class));
    }

    /** The CRM example with its columns left to the explore API. */
    private static String withoutColumns() throws Exception {
        String crm = Files.readString(Path.of("examples/crm-salesforce.yaml"));
        return crm.replaceAll("(?m)^  columns:\\n(    - .*\\n)+", "");
    }

    private static List<String> names(JsonNode columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.path("name").asText()));
        return names;
    }
}
