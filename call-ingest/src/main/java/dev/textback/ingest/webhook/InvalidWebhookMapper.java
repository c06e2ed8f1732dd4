package dev.textback.ingest.webhook;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class InvalidWebhookMapper implements ExceptionMapper<InvalidWebhook> {
    @Override
    public Response toResponse(InvalidWebhook e) {
        return e.problem().toResponse();
    }
}
