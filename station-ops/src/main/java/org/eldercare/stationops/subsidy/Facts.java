package org.eldercare.stationops.subsidy;

import java.time.Instant;
import java.time.LocalDate;

/** The records a statement is computed from, as plain values (no persistence types). */
public final class Facts {

    private Facts() {
    }

    public enum AreaType { URBAN, RURAL }

    public enum Meal { BREAKFAST, LUNCH, DINNER }

    public enum ElderStatusKind { DECEASED, MOVED_AWAY }

    /** The station as the statement month sees it: stars are the rating in force on the month's first day. */
    public record Station(String id, String name, String district, AreaType areaType, int stars,
                          String chainOperator, LocalDate chainJoinedOn) {
    }

    /** A signed basic-care service agreement; {@code end} is the last day covered, null while open. */
    public record Agreement(String id, String stationId, String elderId, LocalDate start, LocalDate end, String category) {

        public boolean inForceOn(LocalDate day) {
            return !day.isBefore(start) && (end == null || !day.isAfter(end));
        }
    }

    /**
     * DECEASED on the date of death (served that day is plausible, after it is not); MOVED_AWAY on
     * the first day the elder no longer lives in the district.
     */
    public record ElderStatus(String id, String elderId, ElderStatusKind kind, LocalDate effectiveOn) {

        /** The last day on which the elder can be served, given this status. */
        public LocalDate lastServableDay() {
            return kind == ElderStatusKind.DECEASED ? effectiveOn : effectiveOn.minusDays(1);
        }
    }

    /** A stay in an institution; {@code dischargedOn} null while still admitted. */
    public record InstitutionStay(String id, String elderId, String facilityId, LocalDate admittedOn, LocalDate dischargedOn) {

        /** Admission and discharge days are travel days: only the days strictly between are "inside". */
        public boolean inside(LocalDate day) {
            return day.isAfter(admittedOn) && (dischargedOn == null || day.isBefore(dischargedOn));
        }
    }

    /** A meal served at a counter; {@code subsidyFen} is what was deducted from the elder's price. */
    public record MealServed(String id, String stationId, String elderId, LocalDate serviceDate, Meal meal,
                             long priceFen, long subsidyFen, Instant servedAt) {

        public boolean subsidised() {
            return subsidyFen > 0;
        }
    }

    /** A home visit, personal care, bathing... delivered by the station. */
    public record ServiceDelivered(String id, String stationId, String elderId, String kind, LocalDate serviceDate,
                                   int minutes) {
    }
}
