package org.eldercare.stationops.statement;

import org.eldercare.stationops.subsidy.Money;
import org.eldercare.stationops.subsidy.StatementFlag;
import org.eldercare.stationops.subsidy.StatementLine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A statement as the API shows it: amounts in fen, with yuan beside them for people. */
public record StatementView(UUID id, String stationId, String month, StatementStatus status, UUID ruleSetId,
                            long totalFen, String totalYuan, long monthFen, List<StatementLine> lines,
                            List<StatementFlag> flags, String digest, Instant computedAt, String computedBy,
                            Instant submittedAt, String submittedBy, Instant decidedAt, String decidedBy,
                            String rejectionReason, Instant paidAt, String paidBy, String paymentRef) {

    public record Summary(UUID id, String stationId, String month, StatementStatus status, long totalFen, String totalYuan,
                          int flagCount, Instant computedAt) {
    }

    static StatementView of(SubsidyStatement s, List<StatementLine> lines, List<StatementFlag> flags) {
        return new StatementView(s.id, s.stationId, s.month, s.status, s.ruleSetId, s.totalFen, Money.yuan(s.totalFen), s.monthFen,
                lines, flags, s.digest, s.computedAt, s.computedBy, s.submittedAt, s.submittedBy, s.decidedAt, s.decidedBy,
                s.rejectionReason, s.paidAt, s.paidBy, s.paymentRef);
    }
}
