package org.eldercare.falldetection.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/** All labelled trials under a directory (recursively, *.csv), plus the files that could not be used and why. */
public record TrialSet(List<Trial> trials, List<String> skipped) {

    public static TrialSet load(Path dir, TrialLabeling labeling, TrialCsvReader reader, IntPredicate subjects)
            throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase().endsWith(".csv"))
                    .sorted()
                    .toList();
        }
        List<Trial> trials = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path file : files) {
            Path rel = dir.relativize(file);
            var labels = labeling.label(rel);
            if (labels.isEmpty()) {
                skipped.add(rel + ": file name does not match the name pattern");
                continue;
            }
            var l = labels.get();
            if (!subjects.test(l.subject())) {
                continue;
            }
            try {
                TrialCsvReader.Parsed parsed = reader.read(file);
                trials.add(new Trial(rel.toString(), l.group(), l.subject(), l.activity(), l.fall(),
                        parsed.timesMs(), parsed.samplesG()));
            } catch (TrialCsvReader.UnreadableTrialException e) {
                skipped.add(rel + ": " + e.getMessage());
            } catch (UncheckedIOException e) {
                skipped.add(rel + ": " + e.getCause().getMessage());
            }
        }
        return new TrialSet(trials, skipped);
    }

    /** "all", "odd", "even" or a code list like "1-20,25" applied to subject ids. */
    public static IntPredicate subjectFilter(String spec) {
        return switch (spec) {
            case "all" -> s -> true;
            case "odd" -> s -> s >= 0 && s % 2 == 1;
            case "even" -> s -> s >= 0 && s % 2 == 0;
            default -> {
                var codes = TrialLabeling.parseCodes(spec);
                yield codes::contains;
            }
        };
    }
}
