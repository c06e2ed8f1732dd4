package dev.textback.ingest.routing;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** DOWN until the routing table has caught up with the businesses topic (see {@link RoutingCatchUp}). */
@Readiness
@ApplicationScoped
public class RoutingReadiness implements HealthCheck {
    private final RoutingCatchUp catchUp;
    private final RoutingTable table;

    RoutingReadiness(RoutingCatchUp catchUp, RoutingTable table) {
        this.catchUp = catchUp;
        this.table = table;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("routing-table")
                .status(catchUp.isCaughtUp())
                .withData("numbers", table.size());
        catchUp.progress().forEach((k, v) -> b.withData(k, String.valueOf(v)));
        return b.build();
    }
}
