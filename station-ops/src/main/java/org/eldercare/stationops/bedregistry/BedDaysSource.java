package org.eldercare.stationops.bedregistry;

import io.smallrye.mutiny.Uni;
import org.eldercare.stationops.subsidy.BedDays;

import java.time.YearMonth;

/**
 * Where a station's respite bed-days (and the elders known to be in an institution all month) come
 * from. Never fails: an unreachable source is {@link BedDays.Unavailable}.
 */
public interface BedDaysSource {

    Uni<BedDays> bedDays(String stationId, YearMonth month);
}
