package dev.textback.dispatch.business;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** This service's copy of a business profile from the businesses topic (crm-sync owns the truth). */
@Entity
@Table(name = "business")
public class Business {
    @Id
    public String id;
    public String name;
    @Column(name = "time_zone")
    public String timeZone;
    public boolean enabled;
    /** Set by a tombstone: the business is gone, its numbers are released. */
    public boolean deleted;
    @Column(name = "dedupe_window_hours")
    public int dedupeWindowHours;
    /** JSON array of templates in the order the profile lists them (order matters for variant choice). */
    @Column(name = "templates")
    public String templatesJson;
    /** The business's narrowing of the legal texting window ("HH:mm", recipient's local time); null = none. */
    @Column(name = "texting_window_start")
    public String textingWindowStart;
    @Column(name = "texting_window_end")
    public String textingWindowEnd;
    /** JSON array of follow-up steps, in step order. */
    @Column(name = "follow_ups")
    public String followUpsJson;
    @Column(name = "booking_link")
    public String bookingLink;
    public long revision;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
