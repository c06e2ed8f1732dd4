package dev.textback.crm.contact;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A caller of one business. Its id is derived from (business, phone), see {@link ContactIds}. */
@Entity
@Table(name = "contact")
public class ContactEntity {
    @Id
    public String id;
    @Column(name = "business_id")
    public String businessId;
    public String phone;
    @Column(name = "first_seen")
    public Instant firstSeen;
    @Column(name = "last_seen")
    public Instant lastSeen;
    @Column(name = "opted_out")
    public boolean optedOut;
}
