package org.eldercare.stationops.subsidy;

import java.util.List;

/** The lines, flags and totals of a month's statement, exactly as computed from its input. */
public record ComputedStatement(List<StatementLine> lines, List<StatementFlag> flags) {

    public ComputedStatement {
        lines = List.copyOf(lines);
        flags = List.copyOf(flags);
    }

    public long totalFen() {
        return lines.stream().mapToLong(StatementLine::amountFen).sum();
    }

    /** The month's own entitlement, without corrections of earlier months. */
    public long monthFen() {
        return lines.stream().filter(l -> l.code() != StatementLine.LineCode.ADJUSTMENT)
                .mapToLong(StatementLine::amountFen).sum();
    }
}
