package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * The error bodies of each layer, as documented (aep-api.md B.2): the Adobe I/O gateway, the generic
 * Platform body, Flow Service, Schema Registry ({@code errorBasic}) and IMS.
 */
final class ErrorBodies {
    private ErrorBodies() {
    }

    /** Gateway: {@code {"error_code":"401013","message":"Oauth token is not valid"}}. */
    static ApiException gateway(int status, String errorCode, String message) {
        ObjectNode body = Json.obj().put("error_code", errorCode).put("message", message);
        return new ApiException(ApiResponse.json(status, body), message);
    }

    /** Generic Platform body, also used by Catalog and Data Prep whose specs define none. */
    static ApiException platform(int status, String type, String title, String detail) {
        ObjectNode body = Json.obj().put("type", type).put("status", status).put("title", title).put("detail", detail);
        return new ApiException(ApiResponse.json(status, body), detail);
    }

    /** The content-type refusal Adobe documents word for word. */
    static ApiException missingContentType() {
        return platform(400, "/placeholder/type/uri", "BadRequestError", "A valid content-type must be specified");
    }

    /** Flow Service: {@code type} ends in {@code FLOW-<code>-<status>}, plus {@code report} and {@code errorMessage}. */
    static ApiException flowService(int status, String code, String message, String resourceType) {
        ObjectNode body = Json.obj();
        body.put("type", "https://ns.adobe.com/aep/errors/FLOW-" + code + "-" + status);
        body.put("title", flowTitle(status));
        body.put("status", status);
        ObjectNode report = body.putObject("report");
        report.put("detailed-message", message);
        report.put("id", UUID.randomUUID().toString());
        report.put("request-id", UUID.randomUUID().toString());
        if (resourceType != null) report.put("type", resourceType);
        body.put("errorMessage", message);
        return new ApiException(ApiResponse.json(status, body), message);
    }

    /** Schema Registry {@code errorBasic}, with the older {@code title} names (BadRequestError, NotFoundError...). */
    static ApiException schemaRegistry(int status, String code, String detail) {
        ObjectNode body = Json.obj();
        body.put("type", "http://ns.adobe.com/aep/errors/XDM-" + code + "-" + status);
        body.put("title", xdmTitle(status));
        body.put("status", status);
        ObjectNode report = body.putObject("report");
        report.put("registryRequestId", UUID.randomUUID().toString());
        report.put("timestamp", java.time.Instant.now().toString());
        report.put("detailed-message", detail);
        report.putArray("sub-errors");
        body.put("detail", detail);
        return new ApiException(ApiResponse.json(status, body), detail);
    }

    /** IMS: {@code {"error":"invalid_client","error_description":"..."}}. */
    static ApiException ims(int status, String error, String description) {
        ObjectNode body = Json.obj().put("error", error).put("error_description", description);
        return new ApiException(ApiResponse.json(status, body), description);
    }

    private static String flowTitle(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Resource not found";
            case 405 -> "Method Not Allowed";
            case 412 -> "Precondition Failed";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Client Error";
        };
    }

    static String xdmTitle(int status) {
        return switch (status) {
            case 400 -> "BadRequestError";
            case 404 -> "NotFoundError";
            case 405 -> "MethodNotAllowedError";
            case 406 -> "NotAcceptableError";
            case 503 -> "ServiceUnavailableError";
            default -> status >= 500 ? "InternalServerError" : "ClientError";
        };
    }
}
