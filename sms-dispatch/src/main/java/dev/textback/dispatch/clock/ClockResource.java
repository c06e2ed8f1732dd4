package dev.textback.dispatch.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.textback.access.Roles;
import dev.textback.dispatch.web.Problem;
import dev.textback.dispatch.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The service's clock, for operators: read it anywhere; move it only where simulated time is on
 * (the local stack's simulated weeks). Elsewhere a move is refused with 409 and changes nothing.
 */
@Path("/api/admin/clock")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ClockResource {

    /** What the clock reads, its offset from real time, and whether it may be moved. */
    public record ClockView(Instant now, long offsetMillis, boolean settable) {
    }

    /** A move: the clock then reads real time plus this many milliseconds. */
    public record ClockMove(Long offsetMillis) {
    }

    @Inject
    DispatchClock clock;

    @GET
    public ClockView get() {
        return new ClockView(clock.now(), clock.offset().toMillis(), clock.settable());
    }

    @PUT
    public ClockView move(ClockMove move) {
        if (move == null || move.offsetMillis() == null) {
            throw ProblemException.badRequest("The body must name offsetMillis.",
                    List.of(new Problem.FieldError("offsetMillis", "is required")));
        }
        try {
            clock.setOffset(Duration.ofMillis(move.offsetMillis()));
        } catch (IllegalStateException off) {
            throw new ProblemException(Problem.of("clock-not-settable", "Clock not settable", 409,
                    "Simulated time is off here (textback.clock.settable=false): the clock stays real."));
        }
        return get();
    }
}
