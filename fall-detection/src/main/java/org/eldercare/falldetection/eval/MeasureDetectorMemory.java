package org.eldercare.falldetection.eval;

import java.util.Locale;
import org.eldercare.falldetection.FallDetectionParameters;
import org.eldercare.falldetection.FallDetectorBank;

/**
 * Measures the heap a {@link FallDetectorBank} needs per device: creates {@code devices} detectors, feeds each
 * {@code seconds} of motion at {@code hz} in 2 s windows (so every ring is full), and compares the used heap
 * before and after (after repeated GCs). Arguments: [devices=20000] [hz=50] [seconds=10]. Results are in
 * docs/fall-detection.md; run with a fixed heap (e.g. -Xmx2g) for a stable reading.
 */
public final class MeasureDetectorMemory {
    private MeasureDetectorMemory() {
    }

    public static void main(String[] args) {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        double hz = args.length > 1 ? Double.parseDouble(args[1]) : 50;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        FallDetectionParameters.Method method = args.length > 3
                ? FallDetectionParameters.Method.valueOf(args[3]) : FallDetectionParameters.DEFAULT_METHOD;
        // swing of the magnitude: 0.4 g never opens a model candidate, 0.8 g opens one about every 0.5 s
        double swing = args.length > 4 ? Double.parseDouble(args[4]) : 0.4;
        FallDetectionParameters parameters = FallDetectionParameters.rulesDefaults().withMethod(method);
        int perWindow = (int) Math.round(2 * hz);
        double[][] window = new double[perWindow][];
        for (int i = 0; i < perWindow; i++) {
            double t = i / hz;
            // an arm swinging while walking: never an impact, so no candidate is pending
            window[i] = new double[] {0.3 * Math.sin(2 * Math.PI * t), 1 + swing * Math.sin(4 * Math.PI * t), 0.05};
        }
        long before = usedHeap();
        FallDetectorBank bank = new FallDetectorBank(parameters, 600_000);
        int windows = (int) Math.ceil(seconds / 2);
        long started = System.nanoTime();
        for (int w = 0; w < windows; w++) {
            long t0 = 1_767_225_600_000L + w * 2000L;
            for (int d = 0; d < devices; d++) {
                bank.accept("watch-" + d, t0, hz, window, t0);
            }
        }
        double micros = (System.nanoTime() - started) / 1e3 / ((double) windows * devices);
        long after = usedHeap();
        System.out.printf(Locale.ROOT, "method=%s swing=%.1f g devices=%d hz=%.0f history=%d ms: %.0f bytes per device"
                        + " (%.1f MB in total); %.1f us per 2 s window (single thread, incl. warm-up)%n",
                method, swing, devices, hz, method == FallDetectionParameters.Method.MODEL
                        ? org.eldercare.falldetection.FallModel.fromClasspath(parameters.modelResource()).window().historyMs()
                        : parameters.historyMs(),
                (after - before) / (double) devices, (after - before) / 1e6, micros);
        if (bank.size() != devices) {
            throw new IllegalStateException("bank lost devices");
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
