package org.stripejdbc.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The emulator's one Jackson mapper: compact JSON, UTF-8 bytes. */
final class EmulatorJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private EmulatorJson() {}

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise emulator JSON", e);
        }
    }

    /** Parses bytes the emulator wrote itself (stored objects), so failure is a programming error. */
    static ObjectNode parseObject(byte[] json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored emulator JSON is not an object", e);
        }
    }
}
