package dev.textback.dispatch.inbound;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An SMS a caller sent to a business number, and how it was read. */
@Entity
@Table(name = "inbound_message")
public class InboundMessage {
    @Id
    @Column(name = "message_id")
    public String messageId;
    @Column(name = "business_id")
    public String businessId;
    public String phone;
    @Column(name = "to_number")
    public String toNumber;
    public String text;
    /** REPLY, OPT_OUT, OPT_IN or IGNORED (a START from someone who never opted out). */
    public String kind;
    public String keyword;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "received_at")
    public Instant receivedAt;
}
