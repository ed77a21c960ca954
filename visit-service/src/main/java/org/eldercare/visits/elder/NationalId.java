package org.eldercare.visits.elder;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A resident identity card number (公民身份号码) as GB 11643-1999 defines it: 6 digits of area,
 * 8 of birth date, 3 of sequence (odd = male), and a check character (0-9 or X) computed by ISO
 * 7064 MOD 11-2. Only the 18-character form is accepted; the old 15-digit cards expired in 2013.
 */
public final class NationalId {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private final String value;

    private NationalId(String value) {
        this.value = value;
    }

    /** Parses and validates; the message says what is wrong, for the caller to fix. */
    public static NationalId parse(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("national ID is required");
        }
        String v = raw.trim().toUpperCase();
        if (!v.matches("\\d{17}[\\dX]")) {
            throw new IllegalArgumentException("national ID must be 18 characters: 17 digits and a digit or X");
        }
        if (birthDateOf(v).isEmpty()) {
            throw new IllegalArgumentException("national ID has an impossible birth date " + v.substring(6, 14));
        }
        if (checkCharacter(v) != v.charAt(17)) {
            throw new IllegalArgumentException("national ID check character is wrong (GB 11643)");
        }
        return new NationalId(v);
    }

    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    private static Optional<LocalDate> birthDateOf(String v) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(v.substring(6, 10)), Integer.parseInt(v.substring(10, 12)),
                    Integer.parseInt(v.substring(12, 14))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    public String value() {
        return value;
    }

    public LocalDate birthDate() {
        return birthDateOf(value).orElseThrow();
    }

    /** The form shown to users: area code and last four kept, the birth date hidden. */
    public String masked() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }

    @Override
    public String toString() {
        return masked();
    }
}
