package org.eldercare.stationops.statement;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A station's monthly subsidy statement (运营补贴月度结算单) as stored: lines and flags frozen as JSON. */
@Entity
@Table(name = "subsidy_statement")
public class SubsidyStatement extends PanacheEntityBase {

    @Id
    public UUID id;
    public String stationId;
    public String month;
    @Enumerated(EnumType.STRING)
    public StatementStatus status;
    public UUID ruleSetId;
    public long totalFen;
    public long monthFen;
    public String linesJson;
    public String flagsJson;
    public String digest;
    public Instant computedAt;
    public String computedBy;
    public Instant submittedAt;
    public String submittedBy;
    public Instant decidedAt;
    public String decidedBy;
    public String rejectionReason;
    public Instant paidAt;
    public String paidBy;
    public String paymentRef;
    @Version
    public int version;
}
