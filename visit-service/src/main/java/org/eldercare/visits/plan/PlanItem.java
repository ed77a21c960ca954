package org.eldercare.visits.plan;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** One visit due to one elder within one period, made from the visit rules; DONE when a qualifying visit completed. */
@Entity
@Table(name = "plan_item")
public class PlanItem extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "elder_id")
    public String elderId;
    @Column(name = "visitor_id")
    public String visitorId;
    @Column(name = "area_code")
    public String areaCode;
    @Column(name = "station_id")
    public String stationId;
    @Column(name = "period_start")
    public LocalDate periodStart;
    @Column(name = "due_date")
    public LocalDate dueDate;
    public String frequency;
    @Column(name = "phone_allowed")
    public boolean phoneAllowed;
    @Column(name = "rule_version")
    public String ruleVersion;
    public String status;
    @Column(name = "visit_id")
    public String visitId;
    @Column(name = "done_at")
    public Instant doneAt;
}
