package io.github.aeponboarding.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bundle's names in the routes start with aep- (route ids, endpoints, templates, route
 * configurations) or aep (registry beans), so that a host that loads them beside its own routes
 * and beans gets no clash.
 */
class RouteNamesTest {
    private static final Set<String> IDS = Set.of("id", "routeId", "routeConfigurationId", "routeTemplateRef");

    @Test
    void every_route_endpoint_template_and_bean_is_namespaced() {
        List<String> clashing = new ArrayList<>();
        RouteFiles.all().forEach((file, tree) -> RouteFiles.walk(tree, "", (pointer, node) -> {
            if (!node.isTextual() || pointer.endsWith("/description")) {
                return;
            }
            String key = pointer.substring(pointer.lastIndexOf('/') + 1);
            String value = node.asText();
            boolean ok = true;
            if (IDS.contains(key) && !pointer.contains("/parameters/")) {
                // ids of processors (call-<step>) are not in any registry; routes, templates and configurations are
                ok = value.startsWith("aep-") || pointer.matches(".*/steps/.*") && !pointer.endsWith("/from/id");
            } else if (key.equals("ref")) {
                ok = value.startsWith("aep") || value.startsWith("{{");
            }
            for (String use : value.split("[\\s\"]+")) {
                if (use.startsWith("direct:") && !use.startsWith("direct:aep-")
                        || use.startsWith("#") && use.length() > 1 && !use.startsWith("#aep")
                        || use.startsWith("bean:") && !use.startsWith("bean:aep")) {
                    ok = false;
                }
            }
            if (!ok) {
                clashing.add(file + " " + pointer + ": " + value);
            }
        }));
        assertThat(clashing).isEmpty();
    }
}
