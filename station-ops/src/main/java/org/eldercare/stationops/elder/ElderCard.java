package org.eldercare.stationops.elder;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A card (e.g. the elder's 养老助残卡) a counter reads to identify the diner. */
@Entity
@Table(name = "elder_card")
public class ElderCard extends PanacheEntityBase {

    @Id
    public String cardNo;
    public String elderId;
    public Instant registeredAt;
    public String registeredBy;
}
