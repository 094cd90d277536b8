package io.github.aeponboarding.ops;

import io.netty.buffer.ByteBufInputStream;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
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
import org.apache.camel.support.service.ServiceSupport;
import org.jolokia.core.api.LogHandler;
import org.jolokia.json.JSONStructure;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.config.StaticConfiguration;
import org.jolokia.server.core.http.HttpRequestHandler;
import org.jolokia.server.core.restrictor.DenyAllRestrictor;
import org.jolokia.server.core.restrictor.RestrictorFactory;
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
 */
public class PolicyJolokiaPlugin extends ServiceSupport implements JolokiaPlatformHttpPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyJolokiaPlugin.class);

    private CamelContext camelContext;
    private String policyLocation = "file:config/jolokia-access.xml";
    private JolokiaServiceManager serviceManager;
    private volatile HttpRequestHandler requestHandler;

    public String getPolicyLocation() {
        return policyLocation;
    }

    /** {@code file:...}, {@code classpath:...} or any URL Jolokia can open. */
    public void setPolicyLocation(String policyLocation) {
        this.policyLocation = policyLocation;
    }

    @Override
    protected void doStart() {
        StaticConfiguration config = new StaticConfiguration(
                ConfigKey.AGENT_ID, NetworkUtil.getAgentId(hashCode(), "vertx"),
                ConfigKey.POLICY_LOCATION, policyLocation);
        serviceManager = JolokiaServiceManagerFactory.createJolokiaServiceManager(
                config, new Slf4jLogHandler(), restrictor(policyLocation));
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

    /** Fails closed: without a readable policy nobody gets at the MBeans (the default plugin would allow all). */
    static Restrictor restrictor(String location) {
        try {
            Restrictor policy = RestrictorFactory.lookupPolicyRestrictor(location);
            if (policy != null) {
                LOG.info("Jolokia access policy: {}", location);
                return policy;
            }
            LOG.error("Jolokia access policy {} not found: denying all Jolokia requests", location);
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
            String remoteHost = req.remoteAddress() != null ? req.remoteAddress().host() : null;
            jolokia.checkAccess(req.scheme(), remoteHost, remoteHost, originOrReferer(req));
            Map<String, String[]> params = params(req);
            if (req.method() == HttpMethod.GET) {
                json = jolokia.handleGetRequest(req.uri(), Utils.pathOffset(req.path(), ctx), params);
            } else {
                try (InputStream body = new ByteBufInputStream(ctx.body().buffer().getByteBuf())) {
                    json = jolokia.handlePostRequest(req.uri(), body, StandardCharsets.UTF_8.name(), params);
                }
            }
        } catch (SecurityException e) {
            // a host/origin the policy rejects; per-MBean denials come back inside the JSON as status 403
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

    private static Map<String, String[]> params(HttpServerRequest req) {
        Map<String, String[]> params = new HashMap<>();
        for (String name : req.params().names()) {
            params.put(name, req.params().getAll(name).toArray(String[]::new));
        }
        return params;
    }

    private static String originOrReferer(HttpServerRequest req) {
        String origin = req.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            origin = req.getHeader(HttpHeaders.REFERER);
        }
        // header values end up in log lines: no line breaks
        return origin == null ? "" : origin.replaceAll("[\\r\\n]", "");
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
