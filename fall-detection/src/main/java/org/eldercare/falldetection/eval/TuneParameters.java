package org.eldercare.falldetection.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eldercare.falldetection.FallDetectionParameters;

/**
 * Grid search used to choose the defaults: loads the trials once (same options as {@link EvaluateTrials}) and
 * prints, for every combination of {@code --grid name=v1,v2,...} values, sensitivity and false-alarm share per
 * group. Restrict it with {@code --subjects} to tune on one half of the subjects and check on the other.
 */
public final class TuneParameters {
    private TuneParameters() {
    }

    public static void main(String[] args) throws IOException {
        Options o = new Options(args, List.of());
        EvaluateTrials.Setup s = EvaluateTrials.Setup.from(o);
        Map<String, String[]> grid = new LinkedHashMap<>();
        for (var e : o.keyValues("--grid").entrySet()) {
            grid.put(e.getKey(), e.getValue().split(","));
        }
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (var e : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : e.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(e.getKey(), v.strip());
                    next.add(m);
                }
            }
            combos = next;
        }
        System.out.println("trials: " + s.trials().trials().size() + ", skipped: " + s.trials().skipped().size());
        for (Map<String, String> c : combos) {
            FallDetectionParameters p;
            try {
                // the grid is over the rule thresholds: tune the rules unless a method was asked for explicitly
                FallDetectionParameters base = o.keyValues("--param").containsKey("method") || c.containsKey("method")
                        ? s.parameters() : s.parameters().withMethod(FallDetectionParameters.Method.RULES);
                p = base.with(c);
            } catch (IllegalArgumentException e) {
                System.out.println(c + " invalid: " + e.getMessage());
                continue;
            }
            Evaluation e = Evaluation.run(s.trials().trials(), p, s.replayer());
            StringBuilder line = new StringBuilder(c.toString());
            for (var g : e.byGroup().entrySet()) {
                Evaluation.Tally t = g.getValue();
                line.append(String.format(Locale.ROOT, "  %s: sens %s fa %s", g.getKey(),
                        Evaluation.pct(t.fallsDetected, t.fallTrials), Evaluation.pct(t.adlAlerted, t.adlTrials)));
            }
            System.out.println(line);
        }
    }
}
