package dev.textback.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Checks an event body against the JSON Schema its producer ships ({@code schemas/<type>.json}). */
public final class EventSchemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventSchemas() {
    }

    /** The problems found, empty when the body is valid. */
    public static List<String> violations(String schemaResource, String json) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(schemaResource)) {
            if (in == null) {
                return List.of("schema not on the classpath: " + schemaResource);
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            JsonNode node = MAPPER.readTree(json);
            return schema.validate(node).stream().map(ValidationMessage::getMessage).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
