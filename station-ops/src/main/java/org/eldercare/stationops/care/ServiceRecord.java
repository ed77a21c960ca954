package org.eldercare.stationops.care;

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

/** A service a station delivered to an elder: who, what, when, how long, by whom. */
@Entity
@Table(name = "service_record")
public class ServiceRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public String stationId;
    public String elderId;
    @Enumerated(EnumType.STRING)
    public ServiceKind kind;
    public Instant startedAt;
    public LocalDate serviceDate;
    public int minutes;
    public String staff;
    public String notes;
    public Instant recordedAt;
    public String recordedBy;
    public Instant voidedAt;
    public String voidedBy;
    public String voidReason;

    public Facts.ServiceDelivered toFact() {
        return new Facts.ServiceDelivered(id.toString(), stationId, elderId, kind.name(), serviceDate, minutes);
    }
}
