package dev.textback.ingest.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns the framework's own refusals (404, 405, 413, 415, unreadable bodies) into problem bodies,
 * so a client never has to parse two error shapes.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        String detail = status >= 500 ? "The request could not be handled." : e.getMessage();
        return Problem.ofStatus(status, detail).toResponse();
    }
}
