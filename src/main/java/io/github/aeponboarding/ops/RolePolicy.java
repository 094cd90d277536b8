package io.github.aeponboarding.ops;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import javax.management.ObjectName;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * One Jolokia policy file read twice: as the operator's policy (every {@code <operation>}) and as the viewer's
 * (without the operations marked {@code role="operator"}).
 *
 * <p>Why one file with a marker rather than two files: the two roles differ only in the route-control operations,
 * and Jolokia's restrictor has no notion of the caller, so a per-role list kept in one place cannot drift. Jolokia
 * consults the restrictor on the thread that handles the request, so the role chosen for the request
 * ({@link #asOperator}) is a thread-local set around the call by {@link PolicyJolokiaPlugin}.
 */
final class RolePolicy implements Restrictor {

    static final String OPERATOR = "operator";

    private final Restrictor viewer;
    private final Restrictor operator;
    private final ThreadLocal<Boolean> asOperator = ThreadLocal.withInitial(() -> Boolean.FALSE);

    RolePolicy(Restrictor viewer, Restrictor operator) {
        this.viewer = viewer;
        this.operator = operator;
    }

    /** Reads the policy at {@code location} ({@code file:...}, {@code classpath:...} or a URL). */
    static RolePolicy load(String location) throws IOException {
        byte[] xml;
        try (InputStream in = open(location)) {
            if (in == null) {
                throw new IOException("not found");
            }
            xml = in.readAllBytes();
        }
        return new RolePolicy(new PolicyRestrictor(variant(xml, false)), new PolicyRestrictor(variant(xml, true)));
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String path = location.substring("classpath:".length());
            return RolePolicy.class.getResourceAsStream(path.startsWith("/") ? path : "/" + path);
        }
        return new URL(location).openStream();
    }

    /** The policy as Jolokia reads it: the role markers removed, and for a viewer the operations they mark. */
    private static InputStream variant(byte[] xml, boolean forOperator) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
            NodeList operations = doc.getElementsByTagName("operation");
            for (int i = operations.getLength() - 1; i >= 0; i--) {
                Element op = (Element) operations.item(i);
                if (op.hasAttribute("role")) {
                    if (!forOperator && OPERATOR.equals(op.getAttribute("role"))) {
                        op.getParentNode().removeChild(op);
                    } else {
                        op.removeAttribute("role");
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return new ByteArrayInputStream(out.toByteArray());
        } catch (Exception e) {
            throw new IOException("cannot parse the policy: " + e.getMessage(), e);
        }
    }

    /** Runs {@code call} with the operator's or the viewer's policy. */
    <T> T as(boolean isOperator, java.util.concurrent.Callable<T> call) throws Exception {
        asOperator.set(isOperator);
        try {
            return call.call();
        } finally {
            asOperator.remove();
        }
    }

    private Restrictor current() {
        return asOperator.get() ? operator : viewer;
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return current().isHttpMethodAllowed(method);
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return current().isTypeAllowed(type);
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return current().isAttributeReadAllowed(name, attribute);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return current().isAttributeWriteAllowed(name, attribute);
    }

    /**
     * Jolokia hands over the operation as the client wrote it, with or without a signature ({@code stop},
     * {@code stop()}, {@code stop(long)}); the policy lists bare names, so overloads share one decision.
     */
    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        int signature = operation == null ? -1 : operation.indexOf('(');
        return current().isOperationAllowed(name, signature < 0 ? operation : operation.substring(0, signature));
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return current().isRemoteAccessAllowed(hostOrAddress);
    }

    /**
     * No origin: a script, a server-side proxy or a page of this server itself ({@link PolicyJolokiaPlugin} passes
     * none for its own origin); Jolokia's strict checking would refuse it, but a browser attack always has one.
     */
    @Override
    public boolean isOriginAllowed(String origin, boolean onlyWhenStrictCheckingIsEnabled) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        return current().isOriginAllowed(origin, onlyWhenStrictCheckingIsEnabled);
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return current().isObjectNameHidden(name);
    }

    @Override
    public boolean ignoreScheme() {
        return current().ignoreScheme();
    }
}
