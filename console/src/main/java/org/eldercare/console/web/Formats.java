package org.eldercare.console.web;

import io.quarkus.qute.TemplateExtension;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Formatting helpers for templates: money travels in fen and is shown in yuan. */
@TemplateExtension(namespace = "fmt")
public final class Formats {

    private Formats() {
    }

    /** {@code {fmt:yuan(m.priceFen)}}: 1250 → "12.50". */
    public static String yuan(Number fen) {
        return fen == null ? "" : BigDecimal.valueOf(fen.longValue()).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** Yuan typed at the counter ("12.5") to fen; null when blank, an error when not money. */
    public static Long fen(String yuan) {
        if (yuan == null || yuan.isBlank()) {
            return null;
        }
        BigDecimal v = new BigDecimal(yuan.strip());
        if (v.signum() < 0 || v.scale() > 2) {
            throw new NumberFormatException("not an amount in yuan: " + yuan);
        }
        return v.movePointRight(2).longValueExact();
    }

    /** {@code {fmt:percent(ratio)}}: 0.8571 → "85.7%". */
    public static String percent(Number ratio) {
        return ratio == null ? "—" : BigDecimal.valueOf(ratio.doubleValue() * 100).setScale(1, RoundingMode.HALF_UP) + "%";
    }

    /** {@code {fmt:clock(m.servedAt)}}: an ISO instant as the district's wall-clock time, "11:42". */
    public static String clock(Object instant) {
        if (instant == null) {
            return "";
        }
        try {
            return CLOCK.format(Instant.parse(instant.toString()));
        } catch (DateTimeParseException e) {
            return instant.toString();
        }
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    /** {@code {fmt:minutes(seconds)}}: 95.0 → "1.6". */
    public static String minutes(Number seconds) {
        return seconds == null ? "—" : BigDecimal.valueOf(seconds.doubleValue() / 60).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }
}
