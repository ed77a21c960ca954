package org.eldercare.console.bureau;

import java.util.Locale;

/** Labels drawn inside the charts, in the page's language. */
final class SvgChartLabels {

    private SvgChartLabels() {
    }

    static String target(Locale locale, double per1000) {
        String v = String.format(Locale.ROOT, "%.1f", per1000);
        return "en".equals(locale.getLanguage()) ? "target " + v + " per 1,000" : "目标 每千人 " + v + " 张";
    }
}
