package io.github.aeponboarding.health;

import io.github.aeponboarding.aep.ImsTokenCache;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Ready only when AEP's token endpoint (IMS) gives this bundle a token: without one no onboarding
 * can succeed, so a pod that cannot get one should receive no work. A cached, valid token counts:
 * the check never makes the bundle mint more tokens than it needs.
 */
public class ImsTokenHealthCheck extends AbstractHealthCheck {
    private final ImsTokenCache tokens;

    public ImsTokenHealthCheck(ImsTokenCache tokens) {
        super("aep", "aep-ims-token");
        this.tokens = tokens;
    }

    @Override
    public boolean isLiveness() {
        return false;   // a Platform outage is no reason to restart the pod
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            builder.detail("token.generation", tokens.token().generation());
            builder.up();
        } catch (RuntimeException e) {
            builder.message("IMS gives no token: " + e.getClass().getSimpleName()).error(e);
            builder.down();
        }
    }
}
