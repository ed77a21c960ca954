package org.eldercare.beds.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes RFC 4180 CSV: comma-separated, fields optionally in double quotes, a quote inside
 * a quoted field doubled. Line ends may be CRLF or LF. A UTF-8 byte-order mark (as spreadsheet
 * programs write it) is ignored. Blank lines are skipped.
 */
public final class Csv {

    private Csv() {
    }

    /** One record with its line number in the file (1-based, the header being line 1). */
    public record Row(int line, List<String> fields) {
    }

    /** Every record of the text, header included, each with the line it starts on. */
    public static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        if (text == null) {
            return rows;
        }
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\r') {
                // part of CRLF; the \n ends the record
            } else if (c == '\n') {
                endRecord(rows, fields, field, fieldStarted, recordLine);
                fields = new ArrayList<>();
                fieldStarted = false;
                line++;
                recordLine = line;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + recordLine + ": a quoted field is not closed");
        }
        endRecord(rows, fields, field, fieldStarted, recordLine);
        return rows;
    }

    private static void endRecord(List<Row> rows, List<String> fields, StringBuilder field, boolean started, int line) {
        if (!started && fields.isEmpty() && field.length() == 0) {
            return;
        }
        fields.add(field.toString());
        field.setLength(0);
        rows.add(new Row(line, List.copyOf(fields)));
    }

    /** One CSV line (without line end) from the values; null becomes an empty field. */
    public static String line(List<?> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = values.get(i);
            String s = v == null ? "" : v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString();
            if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
                b.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                b.append(s);
            }
        }
        return b.toString();
    }
}
