package org.eldercare.stationops.agreement;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eldercare.stationops.subsidy.Facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A basic-care service agreement (基本养老服务签约) between a station and an elder; {@code endDate} is the last day covered. */
@Entity
@Table(name = "service_agreement")
public class ServiceAgreement extends PanacheEntityBase {

    @Id
    public UUID id;
    public String stationId;
    public String elderId;
    public LocalDate startDate;
    public LocalDate endDate;
    public String category;
    public Instant createdAt;
    public String createdBy;

    public Facts.Agreement toFact() {
        return new Facts.Agreement(id.toString(), stationId, elderId, startDate, endDate, category);
    }
}
