package dev.textback.ingest.webhook;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.textback.ingest.web.Problem;

@Provider
public class InvalidWebhookMapper implements ExceptionMapper<InvalidWebhook> {
    @Override
    public Response toResponse(InvalidWebhook e) {
        return Problem.response(400, "invalid-webhook", "Invalid webhook", e.getMessage(), List.of(e.field()));
    }
}
