package io.github.aeponboarding.ops;

import io.netty.buffer.ByteBufInputStream;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.management.RuntimeMBeanException;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.plugin.JolokiaPlatformHttpPlugin;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.service.ServiceSupport;
import org.jolokia.core.api.LogHandler;
import org.jolokia.json.JSONStructure;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.config.StaticConfiguration;
import org.jolokia.server.core.http.HttpRequestHandler;
import org.jolokia.server.core.restrictor.DenyAllRestrictor;
import org.jolokia.server.core.service.JolokiaServiceManagerFactory;
import org.jolokia.server.core.service.api.JolokiaServiceManager;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.NetworkUtil;
import org.jolokia.service.jmx.LocalRequestHandler;
import org.jolokia.service.serializer.JolokiaSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jolokia on the management server ({@code /observe/jolokia}) with an access policy read from a configurable
 * location.
 *
 * <p>Why: Camel 4.18's {@code DefaultJolokiaPlatformHttpPlugin} only looks for {@code classpath:/jolokia-access.xml}
 * and has no option for another place, but ops keep the policy in {@code config/} (a ConfigMap on Kubernetes).
 * The management server asks the registry for a {@code PlatformHttpPlugin} bean named {@code jolokia} before it
 * falls back to the default one, so binding this class under that name replaces it:
 * <pre>
 * camel.beans.jolokia = #class:io.github.aeponboarding.ops.PolicyJolokiaPlugin
 * camel.beans.jolokia.policyLocation = file:config/jolokia-access.xml
 * </pre>
 * Unlike the default plugin it fails closed: a missing or unreadable policy denies every request instead of
 * allowing all MBeans.
 *
 * <p>With {@code camel.management.authentication-enabled} (prod, kubernetes) Camel only authenticates; this class
 * authorizes: a {@code viewer} gets the policy without its {@code role="operator"} operations, an {@code operator}
 * all of it, any other login nothing (see {@link RolePolicy}, {@link ManagementUsers}). Without a login (the local
 * profile, loopback only) callers are operators. In every profile a browser request from a foreign origin is
 * refused (the policy's {@code <cors>} with {@code <strict-checking/>}), and anonymous health details are guarded
 * ({@link HealthDetailsGuard}).
 */
public class PolicyJolokiaPlugin extends ServiceSupport implements JolokiaPlatformHttpPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyJolokiaPlugin.class);

    private CamelContext camelContext;
    private String policyLocation = "file:config/jolokia-access.xml";
    private JolokiaServiceManager serviceManager;
    private volatile HttpRequestHandler requestHandler;
    private Restrictor policy;
    private boolean authenticationEnabled;
    private ManagementUsers users;

    public String getPolicyLocation() {
        return policyLocation;
    }

    /** {@code file:...}, {@code classpath:...} or any URL Jolokia can open. */
    public void setPolicyLocation(String policyLocation) {
        this.policyLocation = policyLocation;
    }

    @Override
    protected void doStart() {
        policy = restrictor(policyLocation);
        authenticationEnabled = Boolean.parseBoolean(property("camel.management.authentication-enabled", "false"));
        if (authenticationEnabled) {
            // the management server starts its plugins once its router exists, so this is the moment to add to it
            VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camelContext,
                    VertxPlatformHttpRouter.getRouterNameFromPort(Integer.parseInt(property("camel.management.port", "9876"))));
            users = new ManagementUsers(router.vertx(), property("camel.management.basic-properties-file", ""));
            if (Boolean.parseBoolean(property("camel.management.health-check-enabled", "false"))) {
                HealthDetailsGuard.install(router, property("camel.management.health-path", "/observe/health"), users);
            }
        }
        StaticConfiguration config = new StaticConfiguration(
                ConfigKey.AGENT_ID, NetworkUtil.getAgentId(hashCode(), "vertx"),
                ConfigKey.POLICY_LOCATION, policyLocation);
        serviceManager = JolokiaServiceManagerFactory.createJolokiaServiceManager(
                config, new Slf4jLogHandler(), policy);
        serviceManager.addService(new JolokiaSerializer());
        serviceManager.addService(new LocalRequestHandler(1));
        requestHandler = new HttpRequestHandler(serviceManager.start());
    }

    @Override
    protected void doStop() {
        if (serviceManager != null) {
            serviceManager.stop();
        }
    }

    private String property(String key, String defaultValue) {
        return camelContext.getPropertiesComponent().resolveProperty(key).map(String::trim).orElse(defaultValue);
    }

    /** Fails closed: without a readable policy nobody gets at the MBeans (the default plugin would allow all). */
    static Restrictor restrictor(String location) {
        try {
            Restrictor policy = RolePolicy.load(location);
            LOG.info("Jolokia access policy: {}", location);
            return policy;
        } catch (IOException | RuntimeException e) {
            LOG.error("Jolokia access policy {} unreadable: denying all Jolokia requests", location, e);
        }
        return new DenyAllRestrictor();
    }

    @Override
    public Object getHandler() {
        Handler<RoutingContext> handler = this::handle;
        return handler;
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        HttpRequestHandler jolokia = requestHandler;
        int status = 200;
        JSONStructure json;
        try {
            Boolean operator = operator(ctx.user());
            if (operator == null) {
                throw new SecurityException("the login has neither the viewer nor the operator role");
            }
            String remoteHost = req.remoteAddress() != null ? req.remoteAddress().host() : null;
            jolokia.checkAccess(req.scheme(), remoteHost, remoteHost, foreignOrigin(req));
            json = policy instanceof RolePolicy roles ? roles.as(operator, () -> call(ctx, jolokia)) : call(ctx, jolokia);
        } catch (SecurityException e) {
            // a role, host or origin the policy rejects; per-MBean denials come back inside the JSON as status 403
            status = 403;
            json = jolokia.handleThrowable(e);
        } catch (Throwable e) {
            status = 500;
            json = jolokia.handleThrowable(e instanceof RuntimeMBeanException r ? r.getTargetException() : e);
        }
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(json == null ? "" : json.toJSONString());
    }

    /** True: operator; false: viewer; null: neither (refused). Without authentication (local profile) an operator. */
    private Boolean operator(User user) {
        if (!authenticationEnabled) {
            return true;
        }
        if (user == null || users == null) {
            return null;   // the login does not cover the Jolokia path: fail closed
        }
        if (users.hasRole(user, RolePolicy.OPERATOR)) {
            return true;
        }
        return users.hasRole(user, ManagementUsers.VIEWER) ? false : null;
    }

    private static JSONStructure call(RoutingContext ctx, HttpRequestHandler jolokia) throws Exception {
        HttpServerRequest req = ctx.request();
        Map<String, String[]> params = params(req);
        if (req.method() == HttpMethod.GET) {
            return jolokia.handleGetRequest(req.uri(), Utils.pathOffset(req.path(), ctx), params);
        }
        try (InputStream body = new ByteBufInputStream(ctx.body().buffer().getByteBuf())) {
            return jolokia.handlePostRequest(req.uri(), body, StandardCharsets.UTF_8.name(), params);
        }
    }

    private static Map<String, String[]> params(HttpServerRequest req) {
        Map<String, String[]> params = new HashMap<>();
        for (String name : req.params().names()) {
            params.put(name, req.params().getAll(name).toArray(String[]::new));
        }
        return params;
    }

    /**
     * The browser origin Jolokia's strict CORS check must judge: Origin, else Referer; null for this server's own
     * origin (same-origin callers and server-side proxies are fine whatever the policy lists). A browser that says
     * the request is cross-site but hides both headers ({@code referrerpolicy="no-referrer"} on a GET) is refused.
     */
    static String foreignOrigin(HttpServerRequest req) {
        String origin = req.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || origin.isBlank()) {
            origin = req.getHeader(HttpHeaders.REFERER);
        }
        if (origin == null || origin.isBlank()) {
            if ("cross-site".equalsIgnoreCase(req.getHeader("Sec-Fetch-Site"))) {
                throw new SecurityException("cross-site request without an origin");
            }
            return null;
        }
        // header values end up in log lines: no line breaks
        origin = origin.replaceAll("[\\r\\n]", "");
        String own = req.scheme() + "://" + req.getHeader(HttpHeaders.HOST);
        boolean same = origin.equalsIgnoreCase(own) || origin.regionMatches(true, 0, own + "/", 0, own.length() + 1);
        return same ? null : origin;
    }

    @Override
    public String getId() {
        return NAME;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    private static final class Slf4jLogHandler implements LogHandler {
        @Override
        public void debug(String message) {
            LOG.debug(message);
        }

        @Override
        public void info(String message) {
            LOG.info(message);
        }

        @Override
        public void error(String message, Throwable t) {
            LOG.error(message, t);
        }

        @Override
        public boolean isDebug() {
            return LOG.isDebugEnabled();
        }
    }
}
