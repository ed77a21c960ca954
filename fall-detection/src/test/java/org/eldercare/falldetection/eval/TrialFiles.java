package org.eldercare.falldetection.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes generated traces as trial CSV files in the SmartFallMM layout (local date-time, m/s^2, no header). */
final class TrialFiles {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private TrialFiles() {
    }

    static Path writeMs2(Path file, double[][] traceG, double hz) throws IOException {
        Files.createDirectories(file.getParent());
        LocalDateTime start = LocalDateTime.of(2026, 1, 1, 10, 0);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < traceG.length; i++) {
            LocalDateTime t = start.plusNanos(Math.round(i * 1e9 / hz));
            double[] s = traceG[i];
            lines.add(String.format(Locale.ROOT, "%s,%.5f,%.5f,%.5f", TIME.format(t), s[0] * TrialCsvReader.STANDARD_GRAVITY,
                    s[1] * TrialCsvReader.STANDARD_GRAVITY, s[2] * TrialCsvReader.STANDARD_GRAVITY));
        }
        return Files.write(file, lines);
    }
}
