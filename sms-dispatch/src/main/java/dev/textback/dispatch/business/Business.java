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
    public long revision;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
