package org.eldercare.visits.elder;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Request and response bodies of the elder administration API. */
public final class ElderApi {

    private ElderApi() {
    }

    public record Position(@NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                           @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
                           @DecimalMin("0") Double acc) {
    }

    @Schema(description = "Per-elder override of the check-in policy; omit a field to keep the district default")
    public record CheckInOverride(Boolean enabled,
                                  @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be HH:mm") String deadline) {
    }

    public record SafeZoneSettings(boolean enabled, @Min(100) @Max(20000) Integer radiusMeters,
                                   @Valid @Schema(description = "centre; default the home position") Position center) {
    }

    public record VitalOverride(@Min(20) @Max(200) Integer hrMin, @Min(40) @Max(250) Integer hrMax,
                                @Min(50) @Max(100) Integer spo2Min) {
    }

    public record ElderRequest(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Schema(description = "18-character resident ID number (GB 11643); stored encrypted, shown masked") String nationalId,
            @NotNull LocalDate birthDate,
            @NotNull Gender gender,
            @NotBlank @Size(max = 300) String address,
            @NotNull @Valid Position home,
            @NotBlank @Pattern(regexp = "\\d{6,12}", message = "must be a 6-12 digit area code") String areaCode,
            @NotBlank String stationId,
            @NotNull Set<CareCategory> careCategories,
            @NotNull RiskLevel riskLevel,
            @Valid CheckInOverride checkIn,
            @Valid SafeZoneSettings safeZone,
            @Valid VitalOverride vitals,
            @NotNull @Schema(description = "the elder (or guardian) consented to monitoring") Boolean monitoringConsent,
            @Schema(description = "false = left the programme; default true") Boolean active,
            @Schema(description = "on update: the version you read (optimistic concurrency)") Long version) {
    }

    public record FamilyContactDto(@Size(max = 64) String userId, @NotBlank @Size(max = 100) String name,
                                   @NotBlank @Size(max = 40) String relation,
                                   @NotBlank @Pattern(regexp = "[0-9+\\-]{5,20}", message = "must be a phone number") String phone,
                                   @Min(1) @Max(99) int priority,
                                   @NotNull @Size(min = 1) List<@Pattern(regexp = "APP|SMS", message = "must be APP or SMS") String> channels) {
    }

    public record FamilyRequest(@NotNull Long version, @NotNull List<@Valid FamilyContactDto> contacts) {
    }

    public record VisitorsRequest(@NotNull Long version, @NotNull List<@NotBlank String> visitorIds) {
    }

    public record ElderView(String id, String name, String nationalIdMasked, LocalDate birthDate, Gender gender,
                            String address, GeoPoint home, String areaCode, String stationId, List<String> careCategories,
                            RiskLevel riskLevel, CareCircle.CheckInPolicy checkInPolicy, CareCircle.SafeZone safeZone,
                            CareCircle.VitalThresholds vitalThresholds, boolean monitoringConsent, Instant consentAt,
                            boolean active, long version, List<CareCircle.FamilyContact> family,
                            List<CareCircle.AssignedVisitor> visitors) {

        public static ElderView of(Elder e, CareCircle c) {
            return new ElderView(e.id, e.name, e.nationalIdMasked, e.birthDate, Gender.valueOf(e.gender), e.address, c.home(),
                    e.areaCode, e.stationId, c.careCategories(), RiskLevel.valueOf(e.riskLevel), c.checkInPolicy(), c.safeZone(),
                    c.vitalThresholds(), e.monitoringConsent, e.consentAt, e.active, e.version, c.family(), c.visitors());
        }
    }

    public record HistoryEntry(long version, Instant changedAt, String changedBy, String summary, CareCircle snapshot) {
    }
}
