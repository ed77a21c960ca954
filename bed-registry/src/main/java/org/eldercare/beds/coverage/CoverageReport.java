package org.eldercare.beds.coverage;

import java.time.LocalDate;

/** Coverage of an area and its parts on a date, against the plan that applies (null when none). */
public record CoverageReport(LocalDate date, CoverageTarget plan, AreaCoverage coverage) {
}
