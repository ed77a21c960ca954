package org.eldercare.falldetection.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.eldercare.falldetection.CandidateEvaluation;
import org.eldercare.falldetection.FallDetectionParameters;
import org.eldercare.falldetection.FallDetector;

/** Replays every trial through a fresh detector and counts, per wearer group and per activity. */
public final class Evaluation {

    /** Counts for one group or one activity. */
    public static final class Tally {
        public int fallTrials;
        public int fallsDetected;
        public int adlTrials;
        public int adlAlerted;
        public int undecidedAtEnd;

        void add(Trial t, TrialReplayer.Result r) {
            if (t.fall()) {
                fallTrials++;
                fallsDetected += r.alerted() ? 1 : 0;
            } else {
                adlTrials++;
                adlAlerted += r.alerted() ? 1 : 0;
            }
            undecidedAtEnd += !r.alerted() && r.undecidedAtEnd() ? 1 : 0;
        }

        public double sensitivity() {
            return fallTrials == 0 ? Double.NaN : (double) fallsDetected / fallTrials;
        }

        public double falseAlarmShare() {
            return adlTrials == 0 ? Double.NaN : (double) adlAlerted / adlTrials;
        }
    }

    public record Outcome(Trial trial, TrialReplayer.Result result) {
    }

    private final Map<String, Tally> byGroup = new TreeMap<>();
    private final Map<String, Map<Integer, Tally>> byActivity = new TreeMap<>();
    private final Tally overall = new Tally();
    private final List<Outcome> outcomes = new ArrayList<>();

    public static Evaluation run(List<Trial> trials, FallDetectionParameters parameters, TrialReplayer replayer) {
        return run(trials, parameters, replayer, (t, c) -> { });
    }

    /** As {@link #run(List, FallDetectionParameters, TrialReplayer)}, also passing every impact candidate to {@code candidates}. */
    public static Evaluation run(List<Trial> trials, FallDetectionParameters parameters, TrialReplayer replayer,
                                 BiConsumer<Trial, CandidateEvaluation> candidates) {
        Evaluation e = new Evaluation();
        for (Trial t : trials) {
            FallDetector detector = new FallDetector(parameters, c -> candidates.accept(t, c));
            TrialReplayer.Result r = replayer.replay(t.timesMs(), t.samplesG(), detector);
            e.outcomes.add(new Outcome(t, r));
            e.overall.add(t, r);
            e.byGroup.computeIfAbsent(t.group(), g -> new Tally()).add(t, r);
            e.byActivity.computeIfAbsent(t.group(), g -> new TreeMap<>())
                    .computeIfAbsent(t.activity(), a -> new Tally()).add(t, r);
        }
        return e;
    }

    public Tally overall() {
        return overall;
    }

    public Map<String, Tally> byGroup() {
        return byGroup;
    }

    public Map<String, Map<Integer, Tally>> byActivity() {
        return byActivity;
    }

    public List<Outcome> outcomes() {
        return outcomes;
    }

    static String pct(int num, int den) {
        return den == 0 ? "-" : String.format(Locale.ROOT, "%d/%d = %.1f%%", num, den, 100.0 * num / den);
    }

    /** Plain-text report: per group, per activity, and optionally the individual misses and false alarms. */
    public String report(boolean listTrials) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-8s %-24s %-28s %s%n", "group", "falls detected (sens.)",
                "ADL trials alerted", "undecided at end"));
        for (var g : byGroup.entrySet()) {
            line(sb, g.getKey(), g.getValue());
        }
        line(sb, "overall", overall);
        sb.append(System.lineSeparator()).append("per activity (trials alerted / trials):").append(System.lineSeparator());
        for (var g : byActivity.entrySet()) {
            for (var a : g.getValue().entrySet()) {
                Tally t = a.getValue();
                boolean fall = t.fallTrials > 0;
                sb.append(String.format(Locale.ROOT, "  %-6s A%02d %-4s %s%n", g.getKey(), a.getKey(),
                        fall ? "fall" : "ADL", fall ? pct(t.fallsDetected, t.fallTrials) : pct(t.adlAlerted, t.adlTrials)));
            }
        }
        if (listTrials) {
            sb.append(System.lineSeparator()).append("missed falls and alerted ADL trials:").append(System.lineSeparator());
            for (Outcome o : outcomes) {
                boolean wrong = o.trial().fall() != o.result().alerted();
                if (wrong) {
                    sb.append("  ").append(o.trial().fall() ? "MISSED " : "ALERTED ").append(o.trial().file());
                    if (o.result().alerted()) {
                        sb.append("  ").append(o.result().detections().get(0).explanation());
                    } else if (o.result().undecidedAtEnd()) {
                        sb.append("  (impact still awaiting its post-impact phase when the recording ended)");
                    }
                    sb.append(System.lineSeparator());
                }
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, Tally t) {
        sb.append(String.format(Locale.ROOT, "%-8s %-24s %-28s %d%n", name, pct(t.fallsDetected, t.fallTrials),
                pct(t.adlAlerted, t.adlTrials), t.undecidedAtEnd));
    }
}
