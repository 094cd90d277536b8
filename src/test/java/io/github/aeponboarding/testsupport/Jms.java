package io.github.aeponboarding.testsupport;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A plain JMS client of the bundle's broker (vm://0 in the same JVM, or its TCP acceptor). */
public final class Jms implements AutoCloseable {
    public static final String REQUESTS = "aep.onboarding.requests";
    public static final String RESULTS = "aep.onboarding.results";
    public static final String DEAD_LETTER = "aep.onboarding.deadletter";

    private final Connection connection;
    private final Session session;

    public Jms(String url) throws JMSException {
        this(url, null, null);
    }

    /** ... with a login, for a broker that requires one (the standalone {@link ArtemisBroker}). */
    public Jms(String url, String user, String password) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
        connection = factory.createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** Sends each request as a text message (JSON/YAML text), or as bytes when it is not valid UTF-8 text. */
    public void send(String queue, byte[] body, boolean asBytes) throws JMSException {
        send(queue, body, asBytes, java.util.Map.of());
    }

    /** ... with string properties (they travel with the request into its result and dead letter). */
    public void send(String queue, byte[] body, boolean asBytes, java.util.Map<String, String> properties) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            Message m;
            if (asBytes) {
                BytesMessage bytes = session.createBytesMessage();
                bytes.writeBytes(body);
                m = bytes;
            } else {
                m = session.createTextMessage(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            }
            for (java.util.Map.Entry<String, String> p : properties.entrySet()) {
                if (p.getKey().equals("JMSCorrelationID")) {
                    m.setJMSCorrelationID(p.getValue());
                } else {
                    m.setStringProperty(p.getKey(), p.getValue());
                }
            }
            producer.send(m);
        }
    }

    /** Sends any message the session can make (an ObjectMessage, say), with string properties. */
    public void send(String queue, java.util.function.Function<Session, Message> message, java.util.Map<String, String> properties)
            throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            Message m = message.apply(session);
            for (java.util.Map.Entry<String, String> p : properties.entrySet()) {
                m.setStringProperty(p.getKey(), p.getValue());
            }
            producer.send(m);
        }
    }

    /** Receives up to {@code count} messages, giving up when none arrives for {@code idle}. */
    public List<Message> receive(String queue, int count, Duration idle) throws JMSException {
        List<Message> out = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            while (out.size() < count) {
                Message m = consumer.receive(idle.toMillis());
                if (m == null) {
                    break;
                }
                out.add(m);
            }
        }
        return out;
    }

    public static String text(Message m) throws JMSException {
        if (m instanceof TextMessage t) {
            return t.getText();
        }
        return new String(bytes(m), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static byte[] bytes(Message m) throws JMSException {
        if (m instanceof TextMessage t) {
            return t.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        BytesMessage b = (BytesMessage) m;
        byte[] out = new byte[(int) b.getBodyLength()];
        b.readBytes(out);
        return out;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
