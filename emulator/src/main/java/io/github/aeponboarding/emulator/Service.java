package io.github.aeponboarding.emulator;

/**
 * The services behind one loopback port, by path prefix. Each refuses in its own error format, so
 * code shared by all (missing sandbox, injected 5xx, unknown route) asks the service for the body.
 */
enum Service {
    FLOW_SERVICE("/data/foundation/flowservice"),
    SCHEMA_REGISTRY("/data/foundation/schemaregistry"),
    CATALOG("/data/foundation/catalog"),
    DATA_PREP("/data/foundation/conversion"),
    IMS("/ims");

    final String prefix;

    Service(String prefix) {
        this.prefix = prefix;
    }

    static Service of(String path) {
        for (Service service : values()) {
            if (path.equals(service.prefix) || path.startsWith(service.prefix + "/")) return service;
        }
        return null;
    }

    /** The path below the service prefix, never empty ("/" at least). */
    String relative(String path) {
        String rest = path.substring(prefix.length());
        return rest.isEmpty() ? "/" : rest;
    }

    /** A 404 with the service's own not-found code (Flow Service 1439, Schema Registry 1012). */
    ApiException notFound(String message) {
        String code = switch (this) {
            case FLOW_SERVICE -> "1439";
            case SCHEMA_REGISTRY -> "1012";
            default -> "1404";
        };
        return error(404, code, message);
    }

    /**
     * An error in this service's format. {@code code} is the service's numeric code (Flow Service's
     * {@code 1418}, Schema Registry's {@code 1012}); the formats without codes ignore it.
     */
    ApiException error(int status, String code, String message) {
        return switch (this) {
            case FLOW_SERVICE -> ErrorBodies.flowService(status, code, message, null);
            case SCHEMA_REGISTRY -> ErrorBodies.schemaRegistry(status, code, message);
            case CATALOG -> ErrorBodies.platform(status, "http://ns.adobe.com/aep/errors/CAT-" + code + "-" + status,
                    ErrorBodies.xdmTitle(status), message);
            case DATA_PREP -> ErrorBodies.platform(status, "http://ns.adobe.com/aep/errors/MAPPER-" + code + "-" + status,
                    ErrorBodies.xdmTitle(status), message);
            case IMS -> ErrorBodies.ims(status, status >= 500 ? "server_error" : "invalid_request", message);
        };
    }
}
