package org.eldercare.stationops.station;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A station's star rating (星级评定) from a date on; the history is kept so old months recompute alike. */
@Entity
@Table(name = "station_star_rating")
public class StarRating extends PanacheEntityBase {

    @Id
    public UUID id;
    public String stationId;
    public int stars;
    public LocalDate effectiveFrom;
    public Instant recordedAt;
    public String recordedBy;
}
