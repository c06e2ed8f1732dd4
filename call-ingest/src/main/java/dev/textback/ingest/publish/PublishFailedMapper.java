package dev.textback.ingest.publish;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.textback.ingest.web.Problem;

/** 503 with Retry-After: providers retry webhooks that were not acknowledged. */
@Provider
public class PublishFailedMapper implements ExceptionMapper<PublishFailedException> {
    @Override
    public Response toResponse(PublishFailedException e) {
        Response problem = Problem.response(503, "broker-unavailable", "Event store unavailable",
                "The call was not recorded; retry later.");
        return Response.fromResponse(problem).header("Retry-After", "5").build();
    }
}
