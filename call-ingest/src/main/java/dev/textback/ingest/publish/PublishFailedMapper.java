package dev.textback.ingest.publish;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 503 with Retry-After: providers retry webhooks that were not acknowledged. */
@Provider
public class PublishFailedMapper implements ExceptionMapper<PublishFailedException> {
    @Override
    public Response toResponse(PublishFailedException e) {
        return Response.fromResponse(e.problem().toResponse())
                .header("Retry-After", PublishFailedException.RETRY_AFTER).build();
    }
}
