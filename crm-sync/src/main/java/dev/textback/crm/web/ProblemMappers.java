package dev.textback.crm.web;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure of a request into an RFC 9457 problem body. Quarkus REST throws
 * {@link MismatchedInputException} raw and wraps syntax errors in a {@link WebApplicationException}
 * (status 400, the Jackson error as cause), so both paths end here and a malformed body is a 400,
 * never a 500.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    /** Declared for this exact type so it replaces Quarkus's built-in mapper, whose body is not a problem. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return respond(fromJackson(e));
    }

    @ServerExceptionMapper
    public Response jackson(JsonProcessingException e) {
        return respond(fromJackson(e));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException jackson) {
            return respond(fromJackson(jackson));
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return respond(Problem.of(status, slug(title), title, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        // Never leak internals to the caller; the log has the stack trace.
        LOG.error("unexpected failure", e);
        return respond(Problem.of(500, "internal", "Internal Server Error", "The request could not be completed"));
    }

    /** For code that parses a body itself (signed webhooks read the raw bytes first). */
    public static Problem problemOf(JsonProcessingException e) {
        return fromJackson(e);
    }

    static Problem fromJackson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            String message = e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    ? "must be a valid " + friendlyType(invalid.getTargetType())
                    : e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null
                            ? "must be a valid " + friendlyType(mismatched.getTargetType())
                            : "has the wrong type";
            return Problem.validation(List.of(new FieldError(field, message)));
        }
        return Problem.of(400, "malformed-json", "Malformed JSON",
                "The request body is not valid JSON: " + e.getOriginalMessage());
    }

    /** {@code templates[0].weight} from Jackson's reference chain. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String friendlyType(Class<?> type) {
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "list";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == java.time.Instant.class) {
            return "ISO-8601 instant (e.g. 2026-01-31T14:05:00Z)";
        }
        if (type == String.class) {
            return "string";
        }
        return "value";
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
