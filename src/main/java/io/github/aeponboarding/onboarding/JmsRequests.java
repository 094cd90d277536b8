package io.github.aeponboarding.onboarding;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;

/**
 * A JMS request's bytes, read without deserializing anything: the trigger takes the raw JMS message
 * ({@code mapJmsMessage=false}), because Camel's own mapping calls {@code ObjectMessage.getObject()},
 * which deserializes whatever a sender put there, with the classes of the bundle's class path.
 */
final class JmsRequests {
    private JmsRequests() {
    }

    /** The body of a text or bytes message; null for any other kind (see {@link #refusal}). */
    static byte[] bytes(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText() == null ? new byte[0] : text.getText().getBytes(StandardCharsets.UTF_8);
        }
        if (message instanceof BytesMessage bytes) {
            bytes.reset();
            byte[] out = new byte[(int) Math.min(Integer.MAX_VALUE - 8, bytes.getBodyLength())];
            bytes.readBytes(out);
            return out;
        }
        return null;
    }

    /** Why a message that is neither text nor bytes is refused, naming its kind. */
    static String refusal(Message message) {
        String kind = message instanceof ObjectMessage ? "an ObjectMessage" : message instanceof MapMessage ? "a MapMessage"
                : message instanceof StreamMessage ? "a StreamMessage" : "a message without a body";
        return "a JMS request must be a text or bytes message, not " + kind + "; it was not read (nothing is deserialized)";
    }
}
