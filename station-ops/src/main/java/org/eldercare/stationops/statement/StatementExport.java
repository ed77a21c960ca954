package org.eldercare.stationops.statement;

import org.eldercare.stationops.subsidy.Money;
import org.eldercare.stationops.subsidy.StatementFlag;
import org.eldercare.stationops.subsidy.StatementLine;

/** The statement as CSV: one row per record behind each line, then its flags, then the total. */
public final class StatementExport {

    private StatementExport() {
    }

    public static String csv(StatementView s) {
        StringBuilder out = new StringBuilder();
        row(out, "station_id", "month", "status", "line", "description", "ref", "elder_id", "note", "quantity", "amount_yuan");
        for (StatementLine line : s.lines()) {
            for (StatementLine.Item item : line.items()) {
                row(out, s.stationId(), s.month(), s.status().name(), line.code().name(), line.description(), item.ref(),
                        item.elderId(), item.note(), String.valueOf(item.quantity()), Money.yuan(item.amountFen()));
            }
            row(out, s.stationId(), s.month(), s.status().name(), line.code().name() + " subtotal", line.description(), "", "",
                    "", String.valueOf(line.quantity()), Money.yuan(line.amountFen()));
        }
        for (StatementFlag f : s.flags()) {
            row(out, s.stationId(), s.month(), s.status().name(), "FLAG " + f.code().name(), f.detail(),
                    String.join(" ", f.refs()), f.elderId(), "", "", "");
        }
        row(out, s.stationId(), s.month(), s.status().name(), "TOTAL", "Statement total", "digest:" + s.digest(), "", "", "",
                Money.yuan(s.totalFen()));
        return out.toString();
    }

    private static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(cells[i]));
        }
        out.append("\r\n");
    }

    /** RFC 4180 quoting; a leading formula character is neutralised so spreadsheets do not execute it. */
    static String escape(String cell) {
        if (cell == null) {
            return "";
        }
        String c = cell;
        if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?\\d+(\\.\\d+)?")) {
            c = "'" + c;
        }
        if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
            return "\"" + c.replace("\"", "\"\"") + "\"";
        }
        return c;
    }
}
