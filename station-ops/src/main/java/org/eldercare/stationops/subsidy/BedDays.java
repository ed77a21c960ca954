package org.eldercare.stationops.subsidy;

import java.util.List;

/** Respite bed-days of one station in one month, as bed-registry answered (or failed to). */
public sealed interface BedDays {

    /** Bed-days per facility the station runs; {@code ref} names the facility and month in bed-registry. */
    record Facility(String ref, long bedDays) {
    }

    record Known(List<Facility> facilities) implements BedDays {
        public Known {
            facilities = List.copyOf(facilities);
        }

        public long total() {
            return facilities.stream().mapToLong(Facility::bedDays).sum();
        }
    }

    record Unavailable(String reason) implements BedDays {
    }
}
