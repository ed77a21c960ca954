package org.eldercare.console.charts;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgChartTest {

    @Test
    void barsBelowTheTargetAreRedAndTheTargetIsDrawn() {
        String svg = SvgChart.bars(List.of(new SvgChart.Bar("东湖街道", 6.2, "−40"), new SvgChart.Bar("西山 <街道>", 7.4, null)),
                7.0, "目标 7.0");
        assertEquals(2, count(svg, "<rect"));
        assertTrue(svg.contains("#c0262d"), "6.2 is below 7");
        assertTrue(svg.contains("#0b6e4f"), "7.4 is above 7");
        assertTrue(svg.contains("stroke-dasharray"), "target line");
        assertTrue(svg.contains("目标 7.0"));
        assertTrue(svg.contains("西山 &lt;街道&gt;"), "labels are escaped");
        assertFalse(svg.contains("<街道>"));
    }

    @Test
    void aTrendLeavesAGapWhereAMonthHasNoFigure() {
        String svg = SvgChart.line(Arrays.asList(new SvgChart.Point("25-01", 6.5), new SvgChart.Point("25-02", null),
                new SvgChart.Point("25-03", 6.9), new SvgChart.Point("25-04", 7.1)), 7.0, "target");
        assertEquals(3, count(svg, "<circle"));
        String path = svg.substring(svg.indexOf("<path d=\"") + 9);
        path = path.substring(0, path.indexOf('"'));
        assertEquals(2, count(path, "M"), "the line starts again after the gap: " + path);
    }

    @Test
    void emptyChartsStillDraw() {
        assertTrue(SvgChart.bars(List.of(), null, "").endsWith("</svg>"));
        assertTrue(SvgChart.line(List.of(), null, "").endsWith("</svg>"));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
