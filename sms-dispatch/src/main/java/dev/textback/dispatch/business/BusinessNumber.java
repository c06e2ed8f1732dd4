package dev.textback.dispatch.business;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Index from a business phone number (E.164) to the business that owns it. */
@Entity
@Table(name = "business_number")
public class BusinessNumber {
    @Id
    public String number;
    @Column(name = "business_id")
    public String businessId;
    /** Position in the profile's list; the first number is the one texts are sent from. */
    public int position;
}
