package org.eldercare.stationops.station;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eldercare.stationops.subsidy.Facts;

import java.time.Instant;
import java.time.LocalDate;

/** A community elderly-care station (社区养老服务驿站); its id is shared with bed-registry's facility id. */
@Entity
@Table(name = "station")
public class Station extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    public String district;
    @Enumerated(EnumType.STRING)
    public Facts.AreaType areaType;
    public String chainOperator;
    public LocalDate chainJoinedOn;
    public LocalDate operatingSince;
    public Instant createdAt;
    public Instant updatedAt;
}
