package io.github.aeponboarding.onboarding;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Runs {@code direct:onboard} for a trigger, on an exchange of its own. A transacted JMS exchange
 * makes Camel run a multicast one branch after the other; a fresh exchange keeps the onboarding's
 * parallel steps parallel, while the trigger (and its JMS transaction) waits on its own thread and
 * then sends the result and dead letter inside that transaction.
 */
public class OnboardingRunner {
    private final ProducerTemplate producer;

    public OnboardingRunner(ProducerTemplate producer) {
        this.producer = producer;
    }

    public void onboard(Exchange trigger) {
        Exchange ex = new DefaultExchange(trigger.getContext());
        ex.setVariable(Onboarding.ORIGINAL, trigger.getVariable(Onboarding.ORIGINAL));
        ex.setProperty("aepOriginalName", trigger.getProperty("aepOriginalName"));
        ex.setProperty("aepRequestName", trigger.getProperty("aepRequestName"));
        ex.setProperty(RequestIntake.REFUSED, trigger.getProperty(RequestIntake.REFUSED));
        ex.setProperty(Onboarding.TRIGGER_ACTION, trigger.getProperty(Onboarding.TRIGGER_ACTION));
        Exchange done = producer.send("direct:onboard", ex);
        if (done.getException() != null) {   // direct:onboard answers every failure with a document; this is a bug
            throw new IllegalStateException("onboarding ended without a result", done.getException());
        }
        trigger.getMessage().setBody(done.getMessage().getBody());
        for (Map.Entry<String, Object> h : done.getMessage().getHeaders().entrySet()) {
            if (h.getKey().startsWith("Aep")) {
                trigger.getMessage().setHeader(h.getKey(), h.getValue());
            }
        }
        trigger.setProperty("aepRequestName", done.getProperty("aepRequestName"));
        String action = done.getProperty(Onboarding.ACTION, String.class);
        trigger.setProperty(Onboarding.ACTION, action);
        // the file trigger's result name: an onboard's result is not overwritten by a plan's
        trigger.setProperty("aepResultName", done.getProperty("aepRequestName")
                + (action == null || action.equals("onboard") ? "" : "." + action));
    }
}
