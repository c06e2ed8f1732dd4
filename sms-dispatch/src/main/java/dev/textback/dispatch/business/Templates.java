package dev.textback.dispatch.business;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.crm.events.TextTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads and writes the templates column (a JSON array, kept in profile order). */
@ApplicationScoped
public class Templates {
    private static final TypeReference<List<TextTemplate>> LIST = new TypeReference<>() {
    };

    @Inject
    ObjectMapper mapper;

    public String toJson(List<TextTemplate> templates) {
        try {
            return mapper.writeValueAsString(templates == null ? List.of() : templates);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<TextTemplate> of(Business business) {
        try {
            return mapper.readValue(business.templatesJson, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored templates of " + business.id + " are not JSON", e);
        }
    }
}
