package io.github.aeponboarding.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aeponboarding.request.OnboardingRequest.Column;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cross-field rules, re-run by the routes once the explore API has discovered the columns. */
class RequestRulesTest {
    private static final RequestRules RULES = new RequestRules();

    private static OnboardingRequest payments() throws IOException {
        return new RequestReader().read(Files.readAllBytes(Path.of("examples/payments-paypal.yaml")), "payments-paypal.yaml");
    }

    @Test
    void request_without_columns_passes_until_discovered_columns_lack_a_mapped_one() throws IOException {
        OnboardingRequest withoutColumns = payments().withColumns(null);
        assertThat(RULES.checkColumns(withoutColumns)).isEmpty();

        // the tutorial's discovered columns: Create_Time but no Type (B.5.8)
        List<Column> discovered = List.of(new Column("Product_Id", "string"), new Column("Product_Name", "string"),
                new Column("Description", "string"), new Column("Create_Time", "date-time"), new Column("updatedAt", "date-time"));

        assertThat(RULES.checkColumns(withoutColumns.withColumns(discovered)))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("$.mapping[3].source");
                    assertThat(p.reason()).startsWith("\"Type\" is not among the source columns");
                });
    }

    @Test
    void tolerates_a_partly_filled_request() {
        OnboardingRequest empty = new OnboardingRequest(null, null, null, null, null, null, null, null, null, null);

        assertThat(RULES.check(empty)).isEmpty();
    }

    @Test
    void problems_are_sorted_with_indexes_in_numeric_order_deduplicated_and_capped() {
        List<Problem> many = new ArrayList<>();
        for (int i = 60; i >= 0; i--) {
            many.add(new Problem("$.mapping[" + i + "].source", "bad"));
        }
        many.add(new Problem("$.mapping[2].source", "bad"));

        List<Problem> reported = new InvalidRequestException(many).problems();

        assertThat(reported).hasSize(InvalidRequestException.MAX_PROBLEMS);
        assertThat(reported.subList(0, 3)).extracting(Problem::field)
                .containsExactly("$.mapping[0].source", "$.mapping[1].source", "$.mapping[2].source");
        assertThat(reported.get(10).field()).isEqualTo("$.mapping[10].source");
        assertThat(reported.get(InvalidRequestException.MAX_PROBLEMS - 1)).isEqualTo(new Problem("$", "12 more problems not shown"));
    }

    @Test
    void reader_reports_every_problem_at_once_not_just_the_first() {
        String request = """
                {"id": "../x", "kind": "erp", "source": {"baseConnectionId": "ccfc0fee1-7dc0-40ef-b73e-d8b134c436f5",
                 "connectionSpecId": "cfc0fee1-7dc0-40ef-b73e-d8b134c436f5", "table": "Contact",
                 "columns": [{"name": "email", "type": "string"}]},
                 "target": {"schemaId": "https://ns.adobe.com/acme/schemas/1", "datasetId": "abc"},
                 "mapping": [{"source": "Type", "destination": "product.type"}],
                 "copy": {"mode": "append"},
                 "schedule": {"startTime": "1567411548", "frequency": "minute", "interval": "30"}}
                """;

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> new RequestReader().read(request, "request.json"));

        assertThat(e.problems()).extracting(Problem::field).containsExactly(
                "$.id", "$.kind", "$.mapping[0].source", "$.schedule.interval", "$.schedule.startTime",
                "$.source.baseConnectionId");
    }
}
