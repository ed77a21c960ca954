package org.eldercare.stationops.elder;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eldercare.stationops.subsidy.Facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An elder's stay in an institution (入住机构), during which home services are not expected. */
@Entity
@Table(name = "institution_stay")
public class InstitutionStayRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public String elderId;
    public String facilityId;
    public LocalDate admittedOn;
    public LocalDate dischargedOn;
    public Instant recordedAt;
    public String recordedBy;

    public Facts.InstitutionStay toFact() {
        return new Facts.InstitutionStay(id.toString(), elderId, facilityId, admittedOn, dischargedOn);
    }
}
