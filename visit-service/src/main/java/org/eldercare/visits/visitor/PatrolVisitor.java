package org.eldercare.visits.visitor;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A patrol visitor (巡视探访员), staff or volunteer. The id is the {@code sub} of their token. */
@Entity
@Table(name = "visitor")
public class PatrolVisitor extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String phone;
    public String kind;
    @Column(name = "area_code")
    public String areaCode;
    @Column(name = "station_id")
    public String stationId;
    /** JSON array of on-duty shifts: [{"day":"MONDAY","from":"08:00","to":"12:00"}]. */
    public String schedule;
    public boolean active;
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
