package org.eldercare.stationops.elder;

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

/** An elder died or moved away, as reported to station-ops by the bureau or an operator. */
@Entity
@Table(name = "elder_status")
public class ElderStatusRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public String elderId;
    @Enumerated(EnumType.STRING)
    public Facts.ElderStatusKind kind;
    public LocalDate effectiveOn;
    public String note;
    public Instant recordedAt;
    public String recordedBy;

    public Facts.ElderStatus toFact() {
        return new Facts.ElderStatus(id.toString(), elderId, kind, effectiveOn);
    }
}
