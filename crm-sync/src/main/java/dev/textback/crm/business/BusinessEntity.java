package dev.textback.crm.business;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/** One tenant and its settings; the source of every BusinessProfile snapshot. */
@Entity
@Table(name = "business")
public class BusinessEntity {
    @Id
    public String id;
    public String name;
    public String country;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "forward_to")
    public String forwardTo;
    public boolean enabled;
    @Column(name = "dedupe_window_hours")
    public int dedupeWindowHours;
    @Column(name = "attribution_window_days")
    public int attributionWindowDays;
    @Column(name = "average_client_value")
    public BigDecimal averageClientValue;
    @Column(name = "monthly_cost")
    public BigDecimal monthlyCost;
    public String currency;
    public long revision;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Kept in order: the first number is the one a business shows its callers. */
    @ElementCollection
    @CollectionTable(name = "business_number", joinColumns = @JoinColumn(name = "business_id"))
    @OrderColumn(name = "position")
    @Column(name = "number")
    public List<String> numbers = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "business_template", joinColumns = @JoinColumn(name = "business_id"))
    @OrderColumn(name = "position")
    public List<Template> templates = new ArrayList<>();

    /** Opening intervals, in the order the business gave them. */
    @ElementCollection
    @CollectionTable(name = "business_hours", joinColumns = @JoinColumn(name = "business_id"))
    @OrderColumn(name = "position")
    public List<Hours> hours = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "business_follow_up", joinColumns = @JoinColumn(name = "business_id"))
    @OrderColumn(name = "position")
    public List<FollowUp> followUps = new ArrayList<>();

    /** Null in rows written before the setting existed: published as null, read by consumers as the default. */
    @Column(name = "ring_timeout_seconds")
    public Integer ringTimeoutSeconds;
    @Column(name = "booking_link")
    public String bookingLink;
    /** Both null, or both set: the business narrows the legal texting window to [start, end). */
    @Column(name = "texting_window_start")
    public String textingWindowStart;
    @Column(name = "texting_window_end")
    public String textingWindowEnd;

    @Embeddable
    public static class Hours {
        public String day;
        public String opens;
        public String closes;

        public Hours() {
        }

        public Hours(String day, String opens, String closes) {
            this.day = day;
            this.opens = opens;
            this.closes = closes;
        }
    }

    @Embeddable
    public static class FollowUp {
        public int step;
        @Column(name = "delay_minutes")
        public int delayMinutes;
        public String body;

        public FollowUp() {
        }

        public FollowUp(int step, int delayMinutes, String body) {
            this.step = step;
            this.delayMinutes = delayMinutes;
            this.body = body;
        }
    }

    @Embeddable
    public static class Template {
        public String variant;
        public String body;
        public int weight;

        public Template() {
        }

        public Template(String variant, String body, int weight) {
            this.variant = variant;
            this.body = body;
            this.weight = weight;
        }
    }
}
