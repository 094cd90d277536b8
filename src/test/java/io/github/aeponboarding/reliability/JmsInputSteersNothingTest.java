package io.github.aeponboarding.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aeponboarding.testsupport.BundleTest;
import io.github.aeponboarding.testsupport.Jms;
import io.github.aeponboarding.testsupport.Requests;
import io.github.aeponboarding.testsupport.RunningBundle;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a JMS sender controls is the request's text, nothing more: an ObjectMessage is never
 * deserialized, and no property, however spelled, steers where the bundle sends things.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JmsInputSteersNothingTest {
    private static final String ROOT = "target/it/jms-input";
    private static final ObjectMapper JSON = new ObjectMapper();
    private RunningBundle bundle;
    private Jms jms;

    /** Records whether anything in this JVM deserialized it. */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean deserialized;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            deserialized = true;
        }
    }

    @BeforeAll
    void start() throws Exception {
        BundleTest.clean(ROOT);
        bundle = RunningBundle.start(ROOT, Map.of("onboarding.jms-trigger-enabled", "true"));
        jms = new Jms("vm://0");
    }

    @AfterAll
    void stop() throws Exception {
        jms.close();
        bundle.close();
    }

    @Test
    void an_object_message_is_dead_lettered_unread_and_never_deserialized() throws Exception {
        jms.send(Jms.REQUESTS, session -> {
            try {
                return session.createObjectMessage(new Tripwire());
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }, Map.of());

        List<Message> deadLetters = jms.receive(Jms.DEAD_LETTER, 1, Duration.ofSeconds(30));
        assertThat(deadLetters).hasSize(1);
        JsonNode failure = JSON.readTree(deadLetters.get(0).getStringProperty("AepFailure"));
        assertThat(failure.path("status").asText()).isEqualTo("FAILED");
        assertThat(failure.path("problems").path(0).asText()).startsWith("$: a JMS request must be a text or bytes message")
                .contains("ObjectMessage");
        assertThat(Tripwire.deserialized).as("deserialized in the bundle's JVM").isFalse();
        assertThat(BundleTest.platformCalls(bundle.context())).isZero();
    }

    @Test
    void a_property_spelled_like_a_camel_header_does_not_choose_the_dead_letter_queue() throws Exception {
        byte[] bad = Requests.example("crm", "jms-steering", r -> r.with("schedule").put("interval", 5));
        jms.send(Jms.REQUESTS, bad, false, Map.of("cAMELJmsDestinationName", "attacker.queue",
                "CamelJmsDestinationName", "attacker.queue", "JMSCorrelationID", "steering-1"));

        List<Message> deadLetters = jms.receive(Jms.DEAD_LETTER, 1, Duration.ofSeconds(30));
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).getJMSCorrelationID()).as("correlation kept").isEqualTo("steering-1");
        assertThat(deadLetters.get(0).getStringProperty("cAMELJmsDestinationName")).as("sender's property").isNull();
        assertThat(jms.receive("attacker.queue", 1, Duration.ofSeconds(1))).isEmpty();
        assertThat(jms.receive(Jms.RESULTS, 1, Duration.ofSeconds(10))).hasSize(1);
    }

    @Test
    void should_anything_read_java_serialization_the_jvm_refuses_every_class() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Tripwire());
        }
        // the second wall: whatever path a serialized object takes into the bundle's JVM, it is not read
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThatThrownBy(in::readObject).isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED");
        }
        assertThat(Tripwire.deserialized).isFalse();
    }
}
