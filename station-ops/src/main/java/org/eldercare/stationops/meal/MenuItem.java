package org.eldercare.stationops.meal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eldercare.stationops.subsidy.Facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A dish on a station's menu for one day and meal, with its price and dietary tags (low-salt, soft...). */
@Entity
@Table(name = "menu_item")
public class MenuItem extends PanacheEntityBase {

    @Id
    public UUID id;
    public String stationId;
    public LocalDate menuDate;
    @Enumerated(EnumType.STRING)
    public Facts.Meal meal;
    public String name;
    public long priceFen;
    /** Comma-separated tags, kept sorted. */
    public String dietaryTags;
    public Instant createdAt;
}
