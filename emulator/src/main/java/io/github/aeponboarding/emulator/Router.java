package io.github.aeponboarding.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Method + path template ({@code /flows/{id}}) to handler; path parameters arrive percent-decoded. */
final class Router {
    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request, List<String> pathParams, SandboxState state);
    }

    private record Route(String method, Pattern pattern, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router on(String method, String template, Handler handler) {
        String regex = template.replaceAll("\\{[^/]+}", "([^/]+)");
        // trailing slashes are tolerated: the Flow Service spec itself declares DELETE /connections/{id}/
        routes.add(new Route(method, Pattern.compile(regex + "/?"), handler));
        return this;
    }

    ApiResponse dispatch(Service service, String relativePath, ApiRequest request, SandboxState state) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(relativePath);
            if (!matcher.matches()) continue;
            pathKnown = true;
            if (!route.method().equals(request.method)) continue;
            List<String> params = new ArrayList<>();
            for (int i = 1; i <= matcher.groupCount(); i++) params.add(ApiRequest.percentDecode(matcher.group(i)));
            return route.handler().handle(request, params, state);
        }
        if (pathKnown) throw service.error(405, "1405", request.method + " is not supported on " + request.path);
        throw service.notFound("No such endpoint: " + request.method + " " + request.path);
    }
}
