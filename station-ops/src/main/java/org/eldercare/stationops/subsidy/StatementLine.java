package org.eldercare.stationops.subsidy;

import java.util.List;

/**
 * One line of a subsidy statement. {@code amountFen} is always the sum of its items' amounts, and
 * each item names the record it comes from ({@code ref}, e.g. {@code agreement:<id>}), so a
 * reviewer can trace every fen back to a record.
 */
public record StatementLine(LineCode code, String description, long quantity, String unit, Long unitFen,
                            long amountFen, List<Item> items) {

    public enum LineCode { BASIC, STAR, CHAIN, MEAL_ASSISTANCE, MEAL_OPERATING, RESPITE, ADJUSTMENT }

    public record Item(String ref, String elderId, String note, long quantity, long amountFen) {
    }

    public StatementLine {
        items = List.copyOf(items);
    }
}
