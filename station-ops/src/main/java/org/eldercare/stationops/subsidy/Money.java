package org.eldercare.stationops.subsidy;

import java.math.BigDecimal;

/** Fen to yuan for people; amounts are integer fen everywhere else. */
public final class Money {

    private Money() {
    }

    public static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
