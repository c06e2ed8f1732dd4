package dev.textback.crm.conversion;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "conversion")
public class ConversionEntity {
    @Id
    public String id;
    @Column(name = "business_id")
    public String businessId;
    @Column(name = "contact_id")
    public String contactId;
    public String phone;
    public String type;
    public BigDecimal value;
    public String currency;
    public boolean estimated;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "lead_call_id")
    public String leadCallId;
    public boolean recovered;
    @Column(name = "external_id")
    public String externalId;
    public int revision;
    /** When the conversion was first recorded. */
    @Column(name = "recorded_at")
    public Instant recordedAt;
    /** When the current revision was recorded. */
    @Column(name = "updated_at")
    public Instant updatedAt;
}
