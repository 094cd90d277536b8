package io.github.aeponboarding.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns untrusted bytes into a JSON tree, or one document-level {@link Problem}: too big, not UTF-8,
 * broken JSON/YAML, duplicate keys, YAML aliases, several documents. Nothing here knows the request's shape.
 */
final class DocumentParser {
    /** A request is about five levels deep; anything far deeper is junk or an attack. */
    static final int MAX_NESTING = 20;
    private static final String EMPTY = "is empty: expected a request object";

    private final int maxBytes;
    private final ObjectMapper json;
    private final ObjectMapper yaml;

    DocumentParser(int maxBytes) {
        this.maxBytes = maxBytes;
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxNumberLength(100)
                .maxStringLength(maxBytes)
                .build();
        this.json = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(limits)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build());
        // Jackson drives SnakeYAML's event parser, not its composer: aliases are never expanded
        // (scan() rejects them), so these limits are a second line of defence.
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(10);
        loader.setNestingDepthLimit(MAX_NESTING);
        loader.setCodePointLimit(maxBytes);
        loader.setAllowDuplicateKeys(false);
        this.yaml = new ObjectMapper(YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(limits)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build());
    }

    JsonNode parse(byte[] content, String sourceName) {
        if (content == null) {
            throw fail(FieldPath.ROOT, EMPTY);
        }
        if (content.length > maxBytes) {
            throw fail(FieldPath.ROOT, "is " + content.length + " bytes, over the " + maxBytes + "-byte limit");
        }
        String text = decodeUtf8(content);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw fail(FieldPath.ROOT, EMPTY);
        }
        boolean isJson = isJson(text, sourceName);
        ObjectMapper mapper = isJson ? json : yaml;
        String format = isJson ? "JSON" : "YAML";
        scan(mapper, text, format);
        try {
            JsonNode tree = mapper.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw fail(FieldPath.ROOT, EMPTY);
            }
            return tree;
        } catch (JsonProcessingException e) {
            // not expected: scan() already read the same text with the same settings
            throw fail(FieldPath.ROOT, "broken " + format + ": " + firstLine(e.getOriginalMessage()));
        }
    }

    private String decodeUtf8(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            throw fail(FieldPath.ROOT, String.format(Locale.ROOT,
                    "is not valid UTF-8: byte 0x%02X at offset %d", content[offset] & 0xff, offset));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static boolean isJson(String text, String sourceName) {
        String name = sourceName == null ? "" : sourceName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return true;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return false;
        }
        char first = text.strip().charAt(0);
        return first == '{' || first == '[';
    }

    /**
     * Reads every token once, before building the tree, to catch what tree building hides:
     * YAML aliases (Jackson turns them into the anchor's name), a second document, trailing content,
     * and where a syntax, nesting or duplicate-key failure happened.
     */
    private void scan(ObjectMapper mapper, String text, String format) {
        JsonParser p;
        try {
            p = mapper.getFactory().createParser(text);
        } catch (IOException e) {
            throw fail(FieldPath.ROOT, "could not be read: " + e.getMessage());
        }
        try (p) {
            int roots = 0;
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (depth == 0 && (t.isScalarValue() || t.isStructStart())) {
                    roots++;
                }
                depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
                if (roots > 1) {
                    throw fail(FieldPath.ROOT, ("YAML".equals(format)
                            ? "holds more than one YAML document"
                            : "has content after the JSON object") + " (line " + p.currentTokenLocation().getLineNr() + ")");
                }
                // a struct start has already opened its own context; the field is its parent's
                String field = FieldPath.of(t.isStructStart() ? p.getParsingContext().getParent() : p.getParsingContext());
                if (p instanceof YAMLParser y && (y.isCurrentAlias() || y.getObjectId() != null)) {
                    throw fail(field, "uses a YAML anchor or alias (line "
                            + p.currentTokenLocation().getLineNr() + "); write values out in full");
                }
                if (t == JsonToken.VALUE_EMBEDDED_OBJECT) {
                    throw fail(field, "uses a binary or tagged YAML value (line "
                            + p.currentTokenLocation().getLineNr() + ")");
                }
            }
        } catch (StreamConstraintsException e) {
            throw fail(FieldPath.ROOT, "exceeds a safety limit at " + where(p.currentLocation()) + ": "
                    + e.getOriginalMessage().replaceAll(", from `[^`]*`", ""));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw fail(FieldPath.of(p.getParsingContext()), "is a duplicate key (" + where(at) + ")");
            }
            throw fail(FieldPath.ROOT, "broken " + format + " at " + where(at) + ": " + describe(e));
        } catch (IOException e) {
            throw fail(FieldPath.ROOT, "could not be read: " + e.getMessage());
        }
    }

    private static String where(JsonLocation at) {
        return "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** SnakeYAML's first line is only the context ("while parsing a flow sequence"); the problem comes after. */
    private static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            return yaml.getProblem() + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")");
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static InvalidRequestException fail(String field, String reason) {
        return new InvalidRequestException(field, reason);
    }
}
