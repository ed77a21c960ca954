package org.eldercare.stationops.station;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eldercare.stationops.subsidy.Facts;

import java.time.LocalDate;

public final class StationDtos {

    private StationDtos() {
    }

    public record StationRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "letters, digits, '_', '-', '.' only") String id,
            @NotBlank String name,
            @NotBlank @Size(max = 64) String district,
            @NotNull Facts.AreaType areaType,
            @Min(0) @Max(5) Integer stars,
            String chainOperator,
            LocalDate chainJoinedOn,
            @NotNull LocalDate operatingSince) {
    }

    public record StarRequest(@NotNull @Min(0) @Max(5) Integer stars, @NotNull LocalDate effectiveFrom) {
    }

    public record StarView(int stars, LocalDate effectiveFrom) {
    }

    public record StationView(String id, String name, String district, Facts.AreaType areaType, int stars,
                              String chainOperator, LocalDate chainJoinedOn, LocalDate operatingSince,
                              java.util.List<StarView> starHistory) {
    }
}
