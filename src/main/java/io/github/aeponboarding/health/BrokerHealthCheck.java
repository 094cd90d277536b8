package io.github.aeponboarding.health;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Ready only when the JMS broker accepts a connection (requests, results and dead letters go through it). */
public class BrokerHealthCheck extends AbstractHealthCheck {
    private final ConnectionFactory connectionFactory;

    public BrokerHealthCheck(ConnectionFactory connectionFactory) {
        super("aep", "jms-broker");
        this.connectionFactory = connectionFactory;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            builder.up();
        } catch (Exception e) {
            builder.message("broker unreachable: " + e.getClass().getSimpleName()).error(e);
            builder.down();
        }
    }
}
