package org.eldercare.visits.elder;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A family member to alert about an elder; {@code userId} is null for relatives without the app (SMS only). */
@Entity
@Table(name = "family_contact")
public class FamilyContact extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "elder_id")
    public String elderId;
    @Column(name = "user_id")
    public String userId;
    public String name;
    public String relation;
    public String phone;
    public int priority;
    /** Comma-separated channels: APP, SMS. */
    public String channels;
}
