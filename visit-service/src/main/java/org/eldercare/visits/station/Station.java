package org.eldercare.visits.station;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A station's contact record, so the alert service can reach the station on duty for an elder. */
@Entity
@Table(name = "station")
public class Station extends PanacheEntityBase {
    @Id
    @Column(name = "station_id")
    public String stationId;
    public String name;
    @Column(name = "area_code")
    public String areaCode;
    /** Comma-separated app user ids of the people on duty. */
    @Column(name = "duty_user_ids")
    public String dutyUserIds;
    @Column(name = "duty_phone")
    public String dutyPhone;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
