package org.eldercare.falldetection.eval;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eldercare.falldetection.FallDetectionParameters;

/**
 * Replays a directory of labelled trials through {@link org.eldercare.falldetection.FallDetector} and reports
 * sensitivity and the share of daily-activity trials alerted, per wearer group and per activity.
 *
 * <pre>
 * EvaluateTrials --dir DIR [--unit g|ms2] [--time-unit auto|ms|s]
 *                [--name-pattern REGEX] [--fall-activities 10-14] [--subjects all|odd|even|1-20,25]
 *                [--window-s 2] [--split-gap-ms 1000] [--nominal-hz 32] [--pad-end-s 0]
 *                [--param name=value ...] [--list] [--candidates out.csv]
 * </pre>
 * See docs/fall-detection.md for the CSV layout and the labelling rule.
 */
public final class EvaluateTrials {
    private EvaluateTrials() {
    }

    public static void main(String[] args) throws IOException {
        try {
            System.out.print(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: EvaluateTrials --dir DIR [--unit g|ms2] [--time-unit auto|ms|s] [--name-pattern REGEX]"
                    + " [--fall-activities 10-14] [--subjects all|odd|even|LIST] [--window-s 2] [--split-gap-ms 1000]"
                    + " [--nominal-hz 32] [--pad-end-s 0] [--param name=value ...] [--list] [--candidates FILE]");
            System.exit(2);
        }
    }

    static String run(String[] args) throws IOException {
        Options o = new Options(args, List.of("--list"));
        Setup s = Setup.from(o);
        StringBuilder out = new StringBuilder();
        out.append("trials: ").append(s.trials().trials().size()).append(" read from ").append(s.dir())
                .append(", skipped: ").append(s.trials().skipped().size()).append(System.lineSeparator());
        for (String skip : s.trials().skipped()) {
            out.append("  skipped ").append(skip).append(System.lineSeparator());
        }
        out.append("parameters: ").append(s.parameters()).append(System.lineSeparator()).append(System.lineSeparator());
        String candidatesFile = o.get("--candidates", null);
        Evaluation e;
        if (candidatesFile == null) {
            e = Evaluation.run(s.trials().trials(), s.parameters(), s.replayer());
        } else {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(candidatesFile), StandardCharsets.UTF_8))) {
                w.println("file,group,activity,fall,impact_ms,peak_g,outcome,impact_activity_g,free_fall_min_g,longest_still_ms,orientation_deg");
                e = Evaluation.run(s.trials().trials(), s.parameters(), s.replayer(), (t, c) ->
                        w.println(String.format(Locale.ROOT, "%s,%s,%d,%b,%d,%.3f,%s,%.3f,%.3f,%d,%.1f", t.file(), t.group(),
                                t.activity(), t.fall(), c.impactEpochMs(), c.peakG(), c.outcome(), c.impactActivityG(), c.freeFallMinG(),
                                c.longestStillMs(), c.orientationChangeDeg())));
            }
        }
        out.append(e.report(o.flag("--list")));
        return out.toString();
    }

    /** Options common to the evaluation and tuning commands. */
    record Setup(Path dir, TrialSet trials, FallDetectionParameters parameters, TrialReplayer replayer) {
        static Setup from(Options o) throws IOException {
            String dirName = o.get("--dir", null);
            if (dirName == null) {
                throw new IllegalArgumentException("--dir is required");
            }
            Path dir = Path.of(dirName);
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("not a directory: " + dir);
            }
            TrialCsvReader reader = new TrialCsvReader(TrialCsvReader.AccelerationUnit.parse(o.get("--unit", "g")),
                    TrialCsvReader.TimeUnit.parse(o.get("--time-unit", "auto")));
            TrialLabeling labeling = new TrialLabeling(
                    Pattern.compile(o.get("--name-pattern", TrialLabeling.DEFAULT_NAME_PATTERN)),
                    TrialLabeling.parseCodes(o.get("--fall-activities", "10-14")));
            TrialSet trials = TrialSet.load(dir, labeling, reader, TrialSet.subjectFilter(o.get("--subjects", "all")));
            FallDetectionParameters parameters = FallDetectionParameters.defaults().with(o.keyValues("--param"));
            TrialReplayer replayer = new TrialReplayer(
                    Double.parseDouble(o.get("--window-s", "2")),
                    Double.parseDouble(o.get("--split-gap-ms", "1000")),
                    Double.parseDouble(o.get("--nominal-hz", "32")), 10, 200,
                    Double.parseDouble(o.get("--pad-end-s", "0")));
            return new Setup(dir, trials, parameters, replayer);
        }
    }
}
