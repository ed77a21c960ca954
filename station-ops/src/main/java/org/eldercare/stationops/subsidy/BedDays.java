package org.eldercare.stationops.subsidy;

import java.util.List;

/** Respite bed-days of one station in one month, as bed-registry answered (or failed to). */
public sealed interface BedDays {

    /** Bed-days per facility the station runs; {@code ref} names the facility and month in bed-registry. */
    record Facility(String ref, long bedDays) {
    }

    /**
     * @param facilities       the station's respite facilities and their bed-days
     * @param institutionStays elders bed-registry counts in an institution bed every day of the month
     */
    record Known(List<Facility> facilities, List<Facts.InstitutionStay> institutionStays) implements BedDays {
        public Known {
            facilities = List.copyOf(facilities);
            institutionStays = List.copyOf(institutionStays);
        }

        public Known(List<Facility> facilities) {
            this(facilities, List.of());
        }

        public long total() {
            return facilities.stream().mapToLong(Facility::bedDays).sum();
        }
    }

    record Unavailable(String reason) implements BedDays {
    }
}
