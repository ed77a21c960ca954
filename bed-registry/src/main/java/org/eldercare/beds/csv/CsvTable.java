package org.eldercare.beds.csv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read against the columns an import expects: columns are found by header name (any
 * order, case-insensitive), and each data row is handed over as a map with its line number.
 * Problems are collected per row rather than stopping at the first, so one answer lists them all.
 */
public final class CsvTable {

    /** A row error: line number in the file and what is wrong with it. */
    public record RowError(int line, String reason) {
    }

    /** A data row by column name. */
    public record Record(int line, Map<String, String> values) {

        public String text(String column) {
            String v = values.get(column);
            return v == null || v.isBlank() ? null : v.trim();
        }
    }

    private final List<Record> records = new ArrayList<>();
    private final List<RowError> errors = new ArrayList<>();

    private CsvTable() {
    }

    /** Reads {@code text}; {@code required} columns must appear in the header, {@code optional} may. */
    public static CsvTable read(String text, List<String> required, List<String> optional) {
        CsvTable t = new CsvTable();
        List<Csv.Row> rows;
        try {
            rows = Csv.parse(text);
        } catch (IllegalArgumentException e) {
            t.errors.add(new RowError(0, e.getMessage()));
            return t;
        }
        if (rows.isEmpty()) {
            t.errors.add(new RowError(1, "the file is empty: expected a header line with " + String.join(",", required)));
            return t;
        }
        List<String> header = rows.get(0).fields().stream().map(h -> h.trim().toLowerCase()).toList();
        List<String> missing = required.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            t.errors.add(new RowError(1, "header lacks column(s) " + String.join(", ", missing)));
            return t;
        }
        for (String h : header) {
            if (!required.contains(h) && !optional.contains(h)) {
                t.errors.add(new RowError(1, "unknown column '" + h + "'"));
            }
        }
        if (!t.errors.isEmpty()) {
            return t;
        }
        if (rows.size() == 1) {
            t.errors.add(new RowError(1, "the file has a header but no data rows"));
            return t;
        }
        for (Csv.Row row : rows.subList(1, rows.size())) {
            if (row.fields().size() != header.size()) {
                t.errors.add(new RowError(row.line(), "expected " + header.size() + " fields, found " + row.fields().size()));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                values.put(header.get(i), row.fields().get(i));
            }
            t.records.add(new Record(row.line(), values));
        }
        return t;
    }

    public List<Record> records() {
        return records;
    }

    public List<RowError> errors() {
        return errors;
    }

    public void reject(int line, String reason) {
        errors.add(new RowError(line, reason));
    }
}
