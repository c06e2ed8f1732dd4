package dev.textback.crm.attribution;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A missed call from a reachable caller: the lead a later conversion can be attributed to. */
@Entity
@Table(name = "missed_call")
public class MissedCallEntity {
    @Id
    @Column(name = "call_id")
    public String callId;
    @Column(name = "business_id")
    public String businessId;
    public String phone;
    @Column(name = "ended_at")
    public Instant endedAt;
}
