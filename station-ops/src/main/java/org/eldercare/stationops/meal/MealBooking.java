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

/** An elder's booking of a meal: dine-in, pick-up or delivery, with dietary needs for the kitchen. */
@Entity
@Table(name = "meal_booking")
public class MealBooking extends PanacheEntityBase {

    @Id
    public UUID id;
    public String stationId;
    public String elderId;
    public LocalDate menuDate;
    @Enumerated(EnumType.STRING)
    public Facts.Meal meal;
    public UUID menuItemId;
    @Enumerated(EnumType.STRING)
    public MealMode mode;
    /** Comma-separated needs, e.g. "diabetic,soft". */
    public String dietaryNeeds;
    @Enumerated(EnumType.STRING)
    public BookingStatus status;
    public Instant createdAt;
    public String createdBy;
}
