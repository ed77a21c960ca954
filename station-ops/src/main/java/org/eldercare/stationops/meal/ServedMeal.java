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

/** A meal handed over at the counter: the record behind the meal-assistance and operating subsidies. */
@Entity
@Table(name = "meal_served")
public class ServedMeal extends PanacheEntityBase {

    @Id
    public UUID id;
    public String stationId;
    public String elderId;
    public String cardNo;
    public LocalDate serviceDate;
    @Enumerated(EnumType.STRING)
    public Facts.Meal meal;
    public UUID menuItemId;
    public UUID bookingId;
    @Enumerated(EnumType.STRING)
    public MealMode mode;
    public long priceFen;
    public long subsidyFen;
    public long elderPaysFen;
    public Instant servedAt;
    public Instant recordedAt;
    public String recordedBy;
    public Instant voidedAt;
    public String voidedBy;
    public String voidReason;
    public boolean offline;

    public Facts.MealServed toFact() {
        return new Facts.MealServed(id.toString(), stationId, elderId, serviceDate, meal, priceFen, subsidyFen, servedAt);
    }
}
