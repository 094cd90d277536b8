package io.github.aeponboarding.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.request.OnboardingRequest.Schedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A schedule is checked against the scheduleSpec Flow Service publishes in the CRMToAEP flowSpec. */
class ScheduleSpecTest {
    private static final RequestRules RULES = new RequestRules();
    private static JsonNode scheduleSpec;

    @BeforeAll
    static void loadSpec() throws IOException {
        // the seeds' flowSpec response, updated with 'once' and the minute >= 15 rule (notes B.4 step 9)
        scheduleSpec = new ObjectMapper().readTree(Path.of("src/test/resources/flowspec/crmtoaep-schedulespec.json").toFile());
    }

    static List<Schedule> allowed() {
        return List.of(new Schedule(1567411548L, "minute", 30, null), new Schedule(1567411548L, "minute", 15, true),
                new Schedule(1567411548L, "hour", 1, false), new Schedule(0L, "week", 2, null),
                new Schedule(1567411548L, "once", null, null));
    }

    @ParameterizedTest
    @MethodSource("allowed")
    void acceptsSchedulesTheFlowSpecAllows(Schedule schedule) {
        assertThat(RULES.checkSchedule(schedule, scheduleSpec)).isEmpty();
    }

    @ParameterizedTest(name = "{1} every {2}")
    @CsvSource(nullValues = "-", value = {
            "1567411548, minute, 5, -, $.schedule.interval, must be at least 15 (got 5)",
            "1567411548, hour, 0, -, $.schedule.interval, must be at least 1 (got 0)",
            "1567411548, hour, -, -, $.schedule.interval, is required",
            "1567411548, month, 1, -, $.schedule.frequency, must be one of once, minute, hour, day, week (got \"month\")",
            "1567411548, once, 30, -, $.schedule, must not match",
            "-, day, 1, -, $.schedule.startTime, is required"})
    void rejectsSchedulesTheFlowSpecForbids(Long start, String frequency, Integer interval, Boolean backfill,
                                            String field, String reason) {
        List<Problem> problems = RULES.checkSchedule(new Schedule(start, frequency, interval, backfill), scheduleSpec);

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.reason()).contains(reason);
        });
    }

    @Test
    void accepts_the_spec_itself_as_well_as_the_schedule_spec_wrapper() {
        Schedule tooOften = new Schedule(1567411548L, "minute", 5, null);

        assertThat(RULES.checkSchedule(tooOften, scheduleSpec.get("spec")))
                .isEqualTo(RULES.checkSchedule(tooOften, scheduleSpec))
                .isNotEmpty();
    }

    @Test
    void refuses_to_fetch_an_external_schema_reference() throws IOException {
        JsonNode remote = new ObjectMapper().readTree("{\"spec\": {\"$ref\": \"https://example.com/schedule.json\"}}");

        assertThat(RULES.checkSchedule(new Schedule(1L, "hour", 1, null), remote))
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("https://example.com/schedule.json").contains("not fetched"));
    }

    @Test
    void a_flow_spec_without_schedule_spec_leaves_nothing_to_check() {
        assertThat(RULES.checkSchedule(new Schedule(1L, "hour", 1, null), null)).isEmpty();
    }
}
