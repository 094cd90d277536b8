package io.github.aeponboarding.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Appends every answered Platform request, with its status and response body, as one JSON line, so
 * conformance checks can validate the accepted requests and every response against Adobe's OpenAPI
 * specs. Off unless configured (no journal, no cost). All emulators of a JVM may share one file, hence
 * the static lock.
 */
final class Journal {
    static final String SYSTEM_PROPERTY = "aep.emulator.journal";
    private static final Object LOCK = new Object();
    private static final java.util.Set<Path> TRUNCATED = new java.util.HashSet<>();
    private final Path file;

    private Journal(Path file) {
        this.file = file;
    }

    /** The journal the options or the {@value #SYSTEM_PROPERTY} system property name, or null. */
    static Journal open(EmulatorOptions options) {
        if (options.journal() != null) return new Journal(options.journal());
        String property = System.getProperty(SYSTEM_PROPERTY);
        if (property == null || property.isBlank()) return null;
        Path file = Path.of(property);
        synchronized (LOCK) {
            // one journal per test JVM: the first emulator drops what an earlier build left behind
            if (TRUNCATED.add(file.toAbsolutePath())) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot reset the emulator journal " + file, e);
                }
            }
        }
        return new Journal(file);
    }

    void append(ApiRequest request, ApiResponse response) {
        ObjectNode line = Json.obj();
        line.put("method", request.method);
        line.put("path", request.path);
        line.put("query", request.rawQuery);
        line.put("status", response.status);
        ObjectNode headers = line.putObject("headers");
        for (Map.Entry<String, List<String>> header : request.headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            // the header must be there for the spec check, its secret value must not be on disk
            String value = name.equals("authorization") ? "Bearer redacted" : String.join(",", header.getValue());
            headers.put(name, value);
        }
        if (request.hasBody()) line.put("body", request.bodyText());
        if (response.body != null) line.set("response", response.body);
        byte[] bytes = (Json.MAPPER.valueToTree(line).toString() + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (LOCK) {
            try {
                if (file.getParent() != null) Files.createDirectories(file.getParent());
                Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the emulator journal " + file, e);
            }
        }
    }

}
