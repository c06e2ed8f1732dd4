package dev.textback.dispatch.lead;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A missed call from a reachable caller, and the conversation it starts. */
@Entity
@Table(name = "lead")
public class Lead {
    @Id
    public String id;
    @Column(name = "business_id")
    public String businessId;
    public String phone;
    /** The missed call that opened the lead. */
    @Column(name = "call_id")
    public String callId;
    /** When that call ended: the start of the dedupe window and of speed-to-text. */
    @Column(name = "missed_at")
    public Instant missedAt;
    @Column(name = "last_missed_at")
    public Instant lastMissedAt;
    @Column(name = "missed_calls")
    public int missedCalls;
    @Column(name = "replied_at")
    public Instant repliedAt;
    /** When the caller converted (ConversionRecorded); ends the follow-up sequence. */
    @Column(name = "converted_at")
    public Instant convertedAt;
    @Column(name = "created_at")
    public Instant createdAt;
}
