package dev.textback.metrics.business;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What the reports need from a business profile: its time zone (periods are local dates), its
 * monthly cost and currency. Written only by {@link BusinessFold}.
 */
@Entity
@Table(name = "business")
public class BusinessEntity {
    @Id
    public String id;
    public String name;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "monthly_cost")
    public BigDecimal monthlyCost;
    @Column(name = "average_client_value")
    public BigDecimal averageClientValue;
    public String currency;
    public long revision;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The business's zone; UTC when the profile carries none or one Java does not know. */
    public ZoneId zone() {
        try {
            return timeZone == null || timeZone.isBlank() ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
