package io.github.aeponboarding.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.eclipse.jetty.ee10.webapp.WebAppClassLoader;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Callback;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Serves the Hawtio 4.2 web console (the {@code hawtio-default} WAR) on embedded Jetty 12, in its own JVM, wired to
 * the bundle's Jolokia at {@code /observe/jolokia}.
 *
 * <p>Why a separate process: the WAR carries Jolokia 2.1.1, the bundle runs Jolokia 2.5.0 on its management server;
 * in one JVM they clash. Here Camel is never started and the webapp class loader prefers the WAR's own jars.
 *
 * <p>Why the page at {@code /}: Hawtio 4.2 has no preset connections; it keeps them in the browser's localStorage
 * under {@code connect.connections}. The page stores the bundle's connection there and opens the Camel routes view
 * on it, so one URL gets an operator straight to the routes.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Serve the Hawtio web console (own JVM, embedded Jetty), connected to the bundle's Jolokia.")
public class ConsoleCommand implements Callable<Integer> {

    /** Keep in step with {@code hawtio.version} in pom.xml: used only for the Maven-repository fallback. */
    static final String HAWTIO_VERSION = "4.2.0";
    static final String WAR_NAME = "hawtio-default.war";

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port of the console (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to bind (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 for all).")
    String host;

    @Option(names = "--jolokia-url", defaultValue = "http://localhost:9876/observe/jolokia",
            description = "The bundle's Jolokia endpoint (default ${DEFAULT-VALUE}).")
    URI jolokiaUrl;

    @Option(names = "--connection-name", defaultValue = "aep-onboarding",
            description = "Name of the connection shown in Hawtio (default ${DEFAULT-VALUE}).")
    String connectionName;

    @Option(names = "--war", description = "Hawtio WAR to serve (default: hawtio/" + WAR_NAME
            + " next to the jar, then the local Maven repository).")
    Path war;

    @Option(names = "--authentication", description = "Turn on Hawtio's own login (hawtio.authenticationEnabled=true); "
            + "needs a JAAS realm, see --realm and -Djava.security.auth.login.config. Off by default for local use.")
    boolean authentication;

    @Option(names = "--realm", defaultValue = "hawtio", description = "JAAS realm for --authentication (default ${DEFAULT-VALUE}).")
    String realm;

    @Option(names = "--proxy-allowlist", split = ",",
            description = "Extra hosts Hawtio's proxy may reach (hawtio.proxyAllowlist; 'r:' prefix = regex). "
                    + "The Jolokia URL's host, localhost and 127.0.0.1 are always allowed.")
    List<String> proxyAllowlist = new ArrayList<>();

    private Server server;

    @Override
    public Integer call() throws Exception {
        Optional<Path> warFile = locateWar();
        if (warFile.isEmpty()) {
            System.err.println("console: no Hawtio WAR found; pass --war, or build with `mvn package` (it copies it to target/hawtio/"
                    + WAR_NAME + ")");
            return 2;
        }
        start(warFile.get());
        System.out.println("Hawtio console ready: " + consoleUrl() + " (connection '" + connectionName + "' -> " + jolokiaUrl + ")");
        System.out.flush();
        server.join();
        return 0;
    }

    /** Starts Jetty without blocking; {@link #consoleUrl()} then tells where. */
    void start(Path warFile) throws Exception {
        // Hawtio reads its settings from system properties; this JVM runs nothing else, so setting them is safe.
        System.setProperty("hawtio.authenticationEnabled", Boolean.toString(authentication));
        System.setProperty("hawtio.realm", realm);
        System.setProperty("hawtio.proxyAllowlist", String.join(",", allowlist()));
        // no update checks or remote plugin fetches from a console that may run without internet
        System.setProperty("hawtio.offline", "true");

        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(hawtio(warFile));
        contexts.addHandler(new ContextHandler(new ConnectPage(connectPageHtml()), "/"));
        server.setHandler(contexts);
        server.setStopAtShutdown(true);
        server.start();
    }

    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    String consoleUrl() {
        ServerConnector connector = (ServerConnector) server.getConnectors()[0];
        String shownHost = "0.0.0.0".equals(host) ? "localhost" : host;
        return "http://" + shownHost + ":" + connector.getLocalPort() + "/";
    }

    private static WebAppContext hawtio(Path warFile) throws IOException {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/hawtio");
        webapp.setWar(warFile.toAbsolutePath().toString());
        // The WAR's jars first (Servlet-spec default, stated here because it matters): its Jolokia 2.1.1, slf4j and
        // log4j must win over the 2.5.0 copies on this JVM's class path. Only the protected JDK/jakarta classes come
        // from the parent; Jetty's own classes stay hidden from the webapp (Jetty's default hidden/protected rules).
        webapp.setParentLoaderPriority(false);
        // Webapp-first is not enough: Jolokia finds its plug-ins by listing META-INF/jolokia/* on every loader, then
        // loads classes that only the 2.5.0 jars have from the parent, and fails with a ClassCastException (seen with
        // 4.2.0: ClassSimplifier vs Extractor). So the webapp's parent does not see Jolokia at all, nor the bundle's
        // jolokia-access.xml (in the jar for the bundle's management server): it would lock Hawtio out of its own agent.
        webapp.setClassLoader(new WebAppClassLoader(new HidingClassLoader(ConsoleCommand.class.getClassLoader(),
                List.of("org.jolokia."), List.of("META-INF/jolokia/", "org/jolokia/", "META-INF/services/org.jolokia",
                        "jolokia-access.xml")), webapp));
        // unpack under java.io.tmpdir: the only writable place in the read-only container image
        webapp.setTempDirectory(Files.createTempDirectory("hawtio-").toFile());
        webapp.setTempDirectoryPersistent(false);
        webapp.setThrowUnavailableOnStartupException(true);
        return webapp;
    }

    /** Hosts the Hawtio proxy may forward to: the bundle's host, this machine, and whatever --proxy-allowlist adds. */
    Set<String> allowlist() {
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
        if (jolokiaUrl.getHost() != null) {
            hosts.add(jolokiaUrl.getHost());
        }
        proxyAllowlist.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(hosts::add);
        return hosts;
    }

    /** The connection as Hawtio 4.2 stores it in localStorage ({@code connect.connections}). */
    ObjectNode connection() {
        ObjectNode con = new ObjectMapper().createObjectNode();
        boolean https = "https".equalsIgnoreCase(jolokiaUrl.getScheme());
        con.put("id", connectionName);
        con.put("name", connectionName);
        con.put("scheme", https ? "https" : "http");
        con.put("host", jolokiaUrl.getHost());
        con.put("port", jolokiaUrl.getPort() > 0 ? jolokiaUrl.getPort() : https ? 443 : 80);
        con.put("path", jolokiaUrl.getRawPath() == null || jolokiaUrl.getRawPath().isEmpty() ? "/" : jolokiaUrl.getRawPath());
        return con;
    }

    String connectPageHtml() {
        ObjectMapper json = new ObjectMapper();
        String target = "/hawtio/camel/routes?con=" + java.net.URLEncoder.encode(connectionName, StandardCharsets.UTF_8);
        try {
            // JSON inside <script>: escape '<' so a hostile name cannot close the tag
            String con = json.writeValueAsString(connection()).replace("<", "\\u003c");
            String to = json.writeValueAsString(target).replace("<", "\\u003c");
            return """
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><title>AEP onboarding: Hawtio</title></head>
                    <body>
                    <p>Opening Hawtio on the bundle's Jolokia&hellip; <a id="open" href="%s">continue</a></p>
                    <script>
                      // Hawtio 4.2 keeps its remote connections in localStorage; add (or refresh) ours, then open it.
                      const con = %s;
                      let all = {};
                      try { all = JSON.parse(localStorage.getItem('connect.connections') || '{}') || {}; } catch (e) { all = {}; }
                      all[con.name] = con;
                      localStorage.setItem('connect.connections', JSON.stringify(all));
                      location.replace(%s);
                    </script>
                    </body></html>
                    """.formatted(target.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;"), con, to);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** --war, else hawtio/hawtio-default.war beside the jar (target/ after `mvn package`), the image's /app/libs, else ~/.m2. */
    Optional<Path> locateWar() {
        if (war != null) {
            return Files.isRegularFile(war) ? Optional.of(war) : Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        codeLocation().ifPresent(code -> {
            Path dir = Files.isDirectory(code) ? code : code.getParent();
            // the jar sits in target/, the classes in target/classes/
            candidates.add(dir.resolve("hawtio").resolve(WAR_NAME));
            if (dir.getParent() != null) {
                candidates.add(dir.getParent().resolve("hawtio").resolve(WAR_NAME));
                // the Jib image: classes in /app/classes, dependencies (this WAR among them) in /app/libs
                candidates.add(dir.getParent().resolve("libs").resolve("hawtio-default-" + HAWTIO_VERSION + ".war"));
            }
        });
        String repo = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        candidates.add(Path.of(repo, "io", "hawt", "hawtio-default", HAWTIO_VERSION, "hawtio-default-" + HAWTIO_VERSION + ".war"));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = ConsoleCommand.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** A parent for the webapp that pretends some packages and resources of this JVM's class path do not exist. */
    static final class HidingClassLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final List<String> hiddenPackages;
        private final List<String> hiddenResources;

        HidingClassLoader(ClassLoader parent, List<String> hiddenPackages, List<String> hiddenResources) {
            super("hawtio-parent", parent);
            this.hiddenPackages = hiddenPackages;
            this.hiddenResources = hiddenResources;
        }

        private boolean hiddenClass(String name) {
            return hiddenPackages.stream().anyMatch(name::startsWith);
        }

        private boolean hiddenResource(String name) {
            String n = name.startsWith("/") ? name.substring(1) : name;
            return hiddenResources.stream().anyMatch(n::startsWith);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (hiddenClass(name)) {
                throw new ClassNotFoundException(name + " is hidden from the Hawtio webapp");
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public java.net.URL getResource(String name) {
            return hiddenResource(name) ? null : super.getResource(name);
        }

        @Override
        public java.util.Enumeration<java.net.URL> getResources(String name) throws IOException {
            return hiddenResource(name) ? java.util.Collections.emptyEnumeration() : super.getResources(name);
        }
    }

    /** Serves the connect page at exactly {@code /} and {@code /index.html}; anything else falls through to 404. */
    private static final class ConnectPage extends Handler.Abstract {
        private final byte[] html;

        ConnectPage(String html) {
            this.html = html.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            if (!"/".equals(path) && !"/index.html".equals(path)) {
                return false;
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, java.nio.ByteBuffer.wrap(html), callback);
            return true;
        }
    }
}
