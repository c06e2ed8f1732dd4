package dev.textback.dispatch.lead;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One missed call and what was decided for it: TEXTED, or the suppression reason. */
@Entity
@Table(name = "missed_call")
public class MissedCall {
    public static final String TEXTED = "TEXTED";

    @Id
    @Column(name = "call_id")
    public String callId;
    @Column(name = "business_id")
    public String businessId;
    public String caller;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "ended_at")
    public Instant endedAt;
    public String decision;
    @Column(name = "decided_at")
    public Instant decidedAt;
}
