package org.eldercare.visits.visit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A patrol visit, identified by the id the app gave it (so it can be created offline). {@code version}
 * grows with each change; an update must name the version it was based on.
 */
@Entity
@Table(name = "visit")
public class Visit extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "elder_id")
    public String elderId;
    @Column(name = "visitor_id")
    public String visitorId;
    public String status;
    public String kind;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "start_lat")
    public Double startLat;
    @Column(name = "start_lon")
    public Double startLon;
    @Column(name = "start_acc")
    public Double startAcc;
    @Column(name = "start_distance_m")
    public Integer startDistanceMeters;
    @Column(name = "far_from_home")
    public boolean farFromHome;
    public String condition;
    /** JSON arrays of strings. */
    public String needs;
    public String hazards;
    @Column(name = "follow_ups")
    public String followUps;
    public String note;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "completed_received_at")
    public Instant completedReceivedAt;
    public int version;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
}
