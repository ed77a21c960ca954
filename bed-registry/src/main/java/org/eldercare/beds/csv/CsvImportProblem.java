package org.eldercare.beds.csv;

import org.eldercare.web.ProblemException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A rejected CSV import: 400 listing every bad row; nothing of the file was stored. */
public final class CsvImportProblem {

    private CsvImportProblem() {
    }

    public static ProblemException of(List<CsvTable.RowError> errors) {
        String detail = "The file was not imported (nothing from it was stored): "
                + errors.stream().limit(20).map(e -> "line " + e.line() + ": " + e.reason()).collect(Collectors.joining("; "))
                + (errors.size() > 20 ? "; and " + (errors.size() - 20) + " more" : "");
        return new ProblemException(400, "Invalid CSV", detail, Map.of("rows", errors));
    }
}
