package dev.textback.dispatch.sending;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One text to one caller for one step of a lead; unique per (lead, step), so nobody is texted twice by accident. */
@Entity
@Table(name = "outbound_text")
public class OutboundText {
    /** Also sent to Vonage as client-ref, so receipts find the row even before we know the message id. */
    @Id
    public UUID id;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "business_id")
    public String businessId;
    public int step;
    public String recipient;
    public String sender;
    public String variant;
    public String body;
    public int segments;
    public boolean unicode;
    @Enumerated(EnumType.STRING)
    public TextState state;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "provider_message_id")
    public String providerMessageId;
    public BigDecimal price;
    public String currency;
    @Column(name = "error_code")
    public String errorCode;
    /** The last final status a delivery receipt reported (DELIVERED, FAILED, ...). */
    @Column(name = "delivery_status")
    public String deliveryStatus;
    @Column(name = "delivery_status_at")
    public Instant deliveryStatusAt;
    @Column(name = "accepted_at")
    public Instant acceptedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
