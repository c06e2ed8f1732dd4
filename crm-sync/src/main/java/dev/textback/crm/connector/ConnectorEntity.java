package dev.textback.crm.connector;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A business's settings for one connector; no row means the connector is off for that business. */
@Entity
@Table(name = "business_connector")
@IdClass(ConnectorEntity.Key.class)
public class ConnectorEntity {
    @Id
    @Column(name = "business_id")
    public String businessId;
    @Id
    public String connector;
    public boolean enabled;
    public String url;
    public String token;
    public String secret;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public ConnectorSettings settings() {
        return new ConnectorSettings(businessId, connector, enabled, url, token, secret);
    }

    public static class Key implements Serializable {
        public String businessId;
        public String connector;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(businessId, k.businessId) && Objects.equals(connector, k.connector);
        }

        @Override
        public int hashCode() {
            return Objects.hash(businessId, connector);
        }
    }
}
