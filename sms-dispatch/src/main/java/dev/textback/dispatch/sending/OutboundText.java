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
    /** A text of a lead (first text, follow-ups): published, counted, stopped by replies and opt-outs. */
    public static final String KIND_LEAD = "LEAD";
    /** A confirmation or HELP answer: belongs to no lead, publishes nothing, goes out even to opted-out callers. */
    public static final String KIND_SERVICE = "SERVICE";

    /** Also sent to Vonage as client-ref, so receipts find the row even before we know the message id. */
    @Id
    public UUID id;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "business_id")
    public String businessId;
    /** {@link #KIND_LEAD} or {@link #KIND_SERVICE}. */
    public String kind = KIND_LEAD;
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
    /** Segments x the configured price per segment, known before sending. */
    @Column(name = "estimated_cost")
    public BigDecimal estimatedCost;
    /** Set when quiet hours moved the first attempt to this time. */
    @Column(name = "deferred_until")
    public Instant deferredUntil;
    /**
     * Committed right before the request to the provider leaves. A lease that expires without it
     * proves the text never left (the sender died between claim and submit): safe to send again.
     */
    @Column(name = "submit_started_at")
    public Instant submitStartedAt;
    /** For service texts: the inbound message answered (one answer per message and kind). */
    @Column(name = "trigger_message_id")
    public String triggerMessageId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
