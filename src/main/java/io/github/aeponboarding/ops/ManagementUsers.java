package io.github.aeponboarding.ops;

import io.vertx.core.Vertx;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import io.vertx.ext.auth.authorization.RoleBasedAuthorization;
import io.vertx.ext.auth.properties.PropertyFileAuthentication;
import io.vertx.ext.auth.properties.PropertyFileAuthorization;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The management users file ({@code camel.management.basic-properties-file}, Vert.x properties format) seen as
 * roles: {@code viewer} (metrics, health details, Jolokia reads) and {@code operator} (a viewer who may also start,
 * stop, suspend, resume and reset routes).
 *
 * <p>Why here: Camel's management server authenticates against this file but authorizes nothing, every login gets
 * everything. Vert.x's own reader of the same file gives the roles, so both sides agree on its format.
 */
final class ManagementUsers {

    static final String VIEWER = "viewer";

    private final PropertyFileAuthentication authentication;
    private final PropertyFileAuthorization authorization;

    /** Reads the file (blocking: call it off the event loop, or once at start). */
    ManagementUsers(Vertx vertx, String usersFile) {
        this.authentication = PropertyFileAuthentication.create(vertx, usersFile);
        this.authorization = PropertyFileAuthorization.create(vertx, usersFile);
    }

    /** The user of a {@code Basic} Authorization header, or null when it is missing or wrong. */
    User login(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            return authentication.authenticate(new UsernamePasswordCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    boolean hasRole(User user, String role) {
        try {
            if (!user.authorizations().getProviderIds().contains(authorization.getId())) {
                authorization.getAuthorizations(user).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            return false;
        }
        return RoleBasedAuthorization.create(role).match(user);
    }

    /** Viewer or operator (the operator has the viewer's rights); any other role gets nothing. */
    boolean isViewer(User user) {
        return hasRole(user, VIEWER) || hasRole(user, RolePolicy.OPERATOR);
    }
}
