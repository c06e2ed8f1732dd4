package dev.textback.ingest.signature;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import dev.textback.ingest.call.CallMetrics;

/** 401 with a problem body that says why, without echoing anything the caller sent. */
@Provider
public class SignatureRefusedMapper implements ExceptionMapper<SignatureRefused> {
    private final CallMetrics metrics;

    SignatureRefusedMapper(CallMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Response toResponse(SignatureRefused e) {
        metrics.refused(e.provider(), "signature-" + e.reason());
        return e.problem().toResponse();
    }
}
