package dev.textback.crm.booking;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The secret a business's booking tools sign their webhooks with. Never leaves the admin API. */
@Entity
@Table(name = "business_webhook_secret")
public class WebhookSecretEntity {
    @Id
    @Column(name = "business_id")
    public String businessId;
    public String secret;
    @Column(name = "previous_secret")
    public String previousSecret;
    @Column(name = "rotated_at")
    public Instant rotatedAt;
}
