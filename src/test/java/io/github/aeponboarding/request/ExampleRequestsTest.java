package io.github.aeponboarding.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The shipped examples are valid, and a request means the same in JSON and in YAML. */
class ExampleRequestsTest {
    private static final RequestReader READER = new RequestReader();

    /** Every request in examples/: one per source of the catalogue. */
    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            return files.map(Path::toString).filter(f -> f.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleIsValidAndEqualInJsonAndYaml(String file) throws IOException {
        byte[] yaml = Files.readAllBytes(Path.of(file));
        String json = new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));

        OnboardingRequest fromYaml = READER.read(yaml, file);
        OnboardingRequest fromJson = READER.read(json, "request.json");

        assertThat(fromJson).isEqualTo(fromYaml);
        assertThat(new RequestRules().check(fromYaml)).isEmpty();
    }

    @Test
    void crm_example_carries_the_tutorial_values_with_its_mistakes_fixed() throws IOException {
        OnboardingRequest crm = READER.read(Files.readAllBytes(Path.of("examples/crm-salesforce.yaml")), "crm-salesforce.yaml");

        assertThat(crm.id()).isEqualTo("crm-salesforce-contacts");
        assertThat(crm.isCrm()).isTrue();
        assertThat(crm.source().connectionSpecId()).isEqualTo("cfc0fee1-7dc0-40ef-b73e-d8b134c436f5");
        assertThat(crm.source().columns()).extracting(OnboardingRequest.Column::name)
                .containsExactly("first_name", "last_name", "email", "updatedAt");
        assertThat(crm.copy().mode()).isEqualTo("append");
        assertThat(crm.schedule()).isEqualTo(new OnboardingRequest.Schedule(1567411548L, "minute", 30, null));
    }

    @Test
    void payments_example_declares_type_and_lists_each_field_group_once() throws IOException {
        OnboardingRequest payments = READER.read(Files.readAllBytes(Path.of("examples/payments-paypal.yaml")), "payments-paypal.yaml");

        assertThat(payments.source().columns()).extracting(OnboardingRequest.Column::name).contains("Type");
        assertThat(payments.target().schema().fieldGroups()).doesNotHaveDuplicates();
        assertThat(payments.copy().deltaColumn()).isEqualTo(new OnboardingRequest.DeltaColumn("updatedAt", "YYYY-MM-DD", "UTC"));
    }

    @Test
    void every_source_of_the_catalogue_has_an_example() throws IOException {
        java.util.Set<String> specs = new java.util.HashSet<>();
        for (String file : examples().toList()) {
            specs.add(READER.read(Files.readAllBytes(Path.of(file)), file).source().connectionSpecId());
        }
        assertThat(specs).containsAll(SourceCatalogue.standard().sources().stream().map(SourceCatalogue.Source::connectionSpecId).toList());
    }

    @Test
    void kind_is_derived_from_the_catalogue_when_left_out() throws IOException {
        OnboardingRequest stripe = READER.read(Files.readAllBytes(Path.of("examples/payments-stripe.yaml")), "payments-stripe.yaml");

        assertThat(stripe.kind()).isEqualTo("payments");
        assertThat(stripe.recipe()).isEqualTo("current");
        assertThat(stripe.copy()).isNull();
    }

    @Test
    void format_is_sniffed_from_content_when_the_name_has_no_known_extension() throws IOException {
        byte[] yaml = Files.readAllBytes(Path.of("examples/crm-salesforce.yaml"));
        String json = new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));

        assertThat(READER.read(json, null)).isEqualTo(READER.read(yaml, "inbox/request.txt"));
    }
}
