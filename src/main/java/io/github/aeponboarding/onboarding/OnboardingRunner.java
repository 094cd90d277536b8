package io.github.aeponboarding.onboarding;

import io.github.aeponboarding.ExchangeContract;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Runs {@code direct:aep-onboard} (and then {@code direct:aep-watch-run}) for a trigger, on an exchange of its
 * own. A transacted JMS exchange makes Camel run a multicast one branch after the other; a fresh
 * exchange keeps the onboarding's parallel steps parallel, while the trigger (and its JMS transaction)
 * waits on its own thread and then sends the result and dead letter inside that transaction. The run
 * watch's HTTP answers (and their headers) stay on its own exchange too, off the trigger's message.
 */
public class OnboardingRunner {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OnboardingRunner.class);
    private final ProducerTemplate producer;

    public OnboardingRunner(ProducerTemplate producer) {
        this.producer = producer;
    }

    public void onboard(Exchange trigger) {
        Exchange ex = new DefaultExchange(trigger.getContext());
        ex.setVariable(ExchangeContract.ORIGINAL, trigger.getVariable(ExchangeContract.ORIGINAL));
        ex.setProperty(ExchangeContract.ORIGINAL_NAME, trigger.getProperty(ExchangeContract.ORIGINAL_NAME));
        ex.setProperty(ExchangeContract.REQUEST_NAME, trigger.getProperty(ExchangeContract.REQUEST_NAME));
        ex.setProperty(RequestIntake.REFUSED, trigger.getProperty(RequestIntake.REFUSED));
        ex.setProperty(ExchangeContract.TRIGGER_ACTION, trigger.getProperty(ExchangeContract.TRIGGER_ACTION));
        Exchange done = producer.send("direct:aep-onboard", ex);
        if (done.getException() != null) {   // direct:aep-onboard answers every failure with a document; this is a bug
            throw new IllegalStateException("onboarding ended without a result", done.getException());
        }
        trigger.getMessage().setBody(done.getMessage().getBody());
        for (Map.Entry<String, Object> h : done.getMessage().getHeaders().entrySet()) {
            if (h.getKey().startsWith("Aep")) {
                trigger.getMessage().setHeader(h.getKey(), h.getValue());
            }
        }
        trigger.setProperty(ExchangeContract.REQUEST_NAME, done.getProperty(ExchangeContract.REQUEST_NAME));
        String action = done.getProperty(ExchangeContract.ACTION, String.class);
        trigger.setProperty(ExchangeContract.ACTION, action);
        // the file trigger's result name: an onboard's result is not overwritten by a plan's
        trigger.setProperty(ExchangeContract.RESULT_NAME, done.getProperty(ExchangeContract.REQUEST_NAME)
                + (action == null || action.equals("onboard") ? "" : "." + action));
    }

    /** The new flow's first run into the trigger's result (after the request's lock was released). */
    public void watchRun(Exchange trigger) {
        Exchange ex = new DefaultExchange(trigger.getContext());
        ex.getMessage().setBody(trigger.getMessage().getBody(String.class));
        Exchange done = producer.send("direct:aep-watch-run", ex);
        if (done.getException() == null) {
            trigger.getMessage().setBody(done.getMessage().getBody(String.class));
        } else {   // direct:aep-watch-run reports AEP's failures in the result; this is a bug, and the result stays as it was
            LOG.warn("watching the run of {} failed", trigger.getProperty(ExchangeContract.REQUEST_NAME), done.getException());
        }
    }
}
