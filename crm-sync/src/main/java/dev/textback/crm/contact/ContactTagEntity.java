package dev.textback.crm.contact;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

@Entity
@Table(name = "contact_tag")
@IdClass(ContactTagEntity.Key.class)
public class ContactTagEntity {
    @Id
    @Column(name = "contact_id")
    public String contactId;
    @Id
    public String tag;
    @Column(name = "tagged_at")
    public Instant taggedAt;

    public static class Key implements Serializable {
        public String contactId;
        public String tag;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(contactId, k.contactId) && Objects.equals(tag, k.tag);
        }

        @Override
        public int hashCode() {
            return Objects.hash(contactId, tag);
        }
    }
}
