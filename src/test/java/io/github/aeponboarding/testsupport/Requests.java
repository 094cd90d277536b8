package io.github.aeponboarding.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Requests for tests: the two examples under a new id, optionally changed. */
public final class Requests {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private Requests() {
    }

    /** {@code examples/crm-salesforce.yaml} ("crm") or {@code examples/payments-paypal.yaml} ("payments"), as JSON, with this id. */
    public static byte[] example(String kind, String id) {
        return example(kind, id, r -> { });
    }

    /** The example of a kind ({@code crm}: Salesforce, {@code payments}: PayPal) or any file of {@code examples/}, under this id. */
    public static byte[] example(String kind, String id, Consumer<ObjectNode> change) {
        try {
            String file = kind.endsWith(".yaml") ? kind : kind.equals("crm") ? "crm-salesforce.yaml" : "payments-paypal.yaml";
            ObjectNode request = (ObjectNode) YAML.readTree(Path.of("examples", file).toFile());
            request.put("id", id);
            change.accept(request);
            return JSON.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kind of the i-th request of a batch: crm and payments alternate. */
    public static String kind(int i) {
        return i % 2 == 0 ? "crm" : "payments";
    }
}
