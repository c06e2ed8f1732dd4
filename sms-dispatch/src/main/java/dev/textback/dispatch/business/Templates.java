package dev.textback.dispatch.business;

import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.crm.events.FollowUpStep;
import dev.textback.crm.events.TextTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads and writes the templates column (a JSON array, kept in profile order). */
@ApplicationScoped
public class Templates {
    private static final TypeReference<List<TextTemplate>> LIST = new TypeReference<>() {
    };

    private static final TypeReference<List<FollowUpStep>> STEPS = new TypeReference<>() {
    };

    @Inject
    ObjectMapper mapper;

    /** Follow-up steps in step order (crm-sync validates them; order here does not depend on it). */
    public String followUpsToJson(List<FollowUpStep> steps) {
        try {
            return mapper.writeValueAsString(steps == null ? List.of()
                    : steps.stream().sorted(Comparator.comparingInt(FollowUpStep::step)).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<FollowUpStep> followUps(Business business) {
        try {
            return business.followUpsJson == null ? List.of() : mapper.readValue(business.followUpsJson, STEPS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored follow-ups of " + business.id + " are not JSON", e);
        }
    }

    /** The follow-up with this step number, if the business has one. */
    public java.util.Optional<FollowUpStep> followUp(Business business, int step) {
        return followUps(business).stream().filter(s -> s.step() == step).findFirst();
    }

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
