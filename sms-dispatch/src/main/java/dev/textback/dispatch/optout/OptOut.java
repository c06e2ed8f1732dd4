package dev.textback.dispatch.optout;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Whether a phone opted out of texts from one business (kept after opting back in, with optedOut false). */
@Entity
@Table(name = "opt_out")
@IdClass(OptOut.Key.class)
public class OptOut {
    @Id
    @Column(name = "business_id")
    public String businessId;
    @Id
    public String phone;
    @Column(name = "opted_out")
    public boolean optedOut;
    public String keyword;
    @Column(name = "changed_at")
    public Instant changedAt;

    /** Composite key: (business, phone). */
    public static class Key implements Serializable {
        public String businessId;
        public String phone;

        public Key() {
        }

        public Key(String businessId, String phone) {
            this.businessId = businessId;
            this.phone = phone;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(businessId, k.businessId) && Objects.equals(phone, k.phone);
        }

        @Override
        public int hashCode() {
            return Objects.hash(businessId, phone);
        }
    }
}
