package io.github.aeponboarding.ops;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Health outside the local profile: anonymous callers get the configured level ({@code camel.health.exposure-level},
 * "default": which check is DOWN, no endpoint URIs); asking for more ({@code ?exposureLevel=full}, {@code data=true}
 * or any other query parameter) needs a viewer or operator login.
 *
 * <p>Why: Camel's health handler honours those parameters for anyone, and the health path must stay outside the
 * login (the Kubernetes probes are anonymous). Probes never send query parameters, so they are unaffected.
 */
final class HealthDetailsGuard {

    private HealthDetailsGuard() {
    }

    /** Puts the check in front of Camel's health routes ({@code healthPath}, {@code /live}, {@code /ready}). */
    static void install(VertxPlatformHttpRouter router, String healthPath, ManagementUsers users) {
        router.route(healthPath + "*").order(-1).handler(ctx -> check(ctx, users));
    }

    private static void check(RoutingContext ctx, ManagementUsers users) {
        if (ctx.request().params().isEmpty()) {
            ctx.next();
            return;
        }
        User user = users.login(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (user == null) {
            ctx.response().setStatusCode(401)
                    .putHeader("WWW-Authenticate", "Basic realm=\"aep-management\"")
                    .end("health details need a viewer login; probes use /live and /ready without parameters\n");
        } else if (!users.isViewer(user)) {
            ctx.response().setStatusCode(403).end("health details need the viewer or operator role\n");
        } else {
            ctx.next();
        }
    }
}
