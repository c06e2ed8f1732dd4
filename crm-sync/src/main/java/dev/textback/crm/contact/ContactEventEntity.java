package dev.textback.crm.contact;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of a contact's timeline: a call, a text, a reply, an opt-out, a conversion. */
@Entity
@Table(name = "contact_event")
public class ContactEventEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "contact_id")
    public String contactId;
    public Instant at;
    public String kind;
    @Column(name = "ref_id")
    public String refId;
    public String detail;
}
