package org.eldercare.console.charts;

import java.util.List;
import java.util.Locale;

/**
 * Small charts drawn on the server as inline SVG: no script and no library in the browser, and the
 * same picture on a tablet, a desktop or a printout.
 */
public final class SvgChart {

    /** A labelled value; {@code note} is written after the bar (e.g. the gap to the target). */
    public record Bar(String label, double value, String note) {
    }

    /** A point of a trend; {@code value} null where there is no figure (no residents counted). */
    public record Point(String label, Double value) {
    }

    private static final int WIDTH = 760;

    private SvgChart() {
    }

    /** Horizontal bars with a dashed line at the target; bars below the target are drawn in red. */
    public static String bars(List<Bar> bars, Double target, String targetLabel) {
        int labelW = 170;
        int noteW = 150;
        int rowH = 30;
        int top = 24;
        int height = top + bars.size() * rowH + 10;
        double max = Math.max(target == null ? 0 : target, bars.stream().mapToDouble(Bar::value).max().orElse(0)) * 1.1;
        if (max <= 0) {
            max = 1;
        }
        double plotW = WIDTH - labelW - noteW;
        StringBuilder svg = open(height);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = top + i * rowH;
            double w = plotW * b.value() / max;
            boolean below = target != null && b.value() < target;
            svg.append(text(labelW - 8, y + 19, "end", b.label()));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>",
                    labelW, y + 5, w, rowH - 10, below ? "#c0262d" : "#0b6e4f", esc(b.label() + ": " + fmt(b.value()))));
            svg.append(text((int) (labelW + w + 6), y + 19, "start", fmt(b.value()) + (b.note() == null ? "" : "  " + b.note())));
        }
        if (target != null) {
            double x = labelW + plotW * target / max;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#1d2733\" stroke-dasharray=\"5 4\"/>",
                    x, top - 6, x, height - 6));
            svg.append(text((int) x, top - 10, "middle", targetLabel));
        }
        return svg.append("</svg>").toString();
    }

    /** A line through the points with a dashed target line; months without a figure leave a gap. */
    public static String line(List<Point> points, Double target, String targetLabel) {
        int left = 50;
        int right = 20;
        int top = 20;
        int bottom = 40;
        int height = 260;
        double max = points.stream().filter(p -> p.value() != null).mapToDouble(Point::value).max().orElse(0);
        double min = points.stream().filter(p -> p.value() != null).mapToDouble(Point::value).min().orElse(0);
        if (target != null) {
            max = Math.max(max, target);
            min = Math.min(min, target);
        }
        double span = max - min;
        double lo = Math.max(0, min - Math.max(span * 0.2, 0.5));
        double hi = max + Math.max(span * 0.2, 0.5);
        double plotW = WIDTH - left - right;
        double plotH = height - top - bottom;
        StringBuilder svg = open(height);
        for (int t = 0; t <= 4; t++) {
            double v = lo + (hi - lo) * t / 4;
            double y = top + plotH - plotH * t / 4;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e6e9ee\"/>", left, y, WIDTH - right, y));
            svg.append(text(left - 6, (int) y + 4, "end", fmt(v)));
        }
        double step = points.size() > 1 ? plotW / (points.size() - 1) : 0;
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double x = left + step * i;
            svg.append(text((int) x, height - bottom + 18, "middle", p.label()));
            if (p.value() == null) {
                pen = false;
                continue;
            }
            double y = top + plotH - plotH * (p.value() - lo) / (hi - lo);
            path.append(String.format(Locale.ROOT, "%s%.1f %.1f ", pen ? "L" : "M", x, y));
            pen = true;
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#0b6e4f\"><title>%s</title></circle>",
                    x, y, esc(p.label() + ": " + fmt(p.value()))));
        }
        svg.append("<path d=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"#0b6e4f\" stroke-width=\"2\"/>");
        if (target != null) {
            double y = top + plotH - plotH * (target - lo) / (hi - lo);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c0262d\" stroke-dasharray=\"5 4\"/>",
                    left, y, WIDTH - right, y));
            svg.append(text(WIDTH - right, (int) y - 6, "end", targetLabel));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\">", WIDTH, height));
    }

    private static String text(int x, int y, String anchor, String s) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>", x, y, anchor, esc(s));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
