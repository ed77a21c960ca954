package org.eldercare.visits.visit;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.visits.elder.CareCategory;
import org.eldercare.visits.elder.ElderApi;
import org.eldercare.visits.elder.RiskLevel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Bodies of the mobile visit API. Every write carries a {@code clientId} the app made (a UUID). */
public final class VisitApi {

    static final String CLIENT_ID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private VisitApi() {
    }

    public enum Kind { IN_PERSON, PHONE }

    public enum Condition { GOOD, FAIR, POOR, CRITICAL }

    public enum Status { STARTED, COMPLETED }

    public enum Op { START, RECORD, COMPLETE }

    @Schema(description = "Start a visit. The app makes visitId itself (a UUID) so it can go on offline.")
    public record StartVisit(
            @NotBlank @Pattern(regexp = CLIENT_ID, message = "must be a UUID") String clientId,
            @NotBlank @Pattern(regexp = CLIENT_ID, message = "must be a UUID") String visitId,
            @NotBlank String elderId,
            @NotNull Kind kind,
            @NotNull @Schema(description = "when the visit started, by the app's clock") Instant startedAt,
            @Valid @Schema(description = "where the visitor is; required for IN_PERSON, checked against the elder's home") ElderApi.Position position) {
    }

    @Schema(description = "Record (or amend) what was found. baseVersion = the visit version the edit was made on.")
    public record RecordVisit(
            @NotBlank @Pattern(regexp = CLIENT_ID, message = "must be a UUID") String clientId,
            @NotNull @Min(1) Integer baseVersion,
            @NotNull @Schema(description = "when the edit was made, by the app's clock") Instant recordedAt,
            @NotNull Condition condition,
            @NotNull List<@NotBlank @Size(max = 200) String> needs,
            @NotNull List<@NotBlank @Size(max = 200) String> hazards,
            @NotNull List<@NotBlank @Size(max = 200) String> followUps,
            @Size(max = 2000) String note) {
    }

    public record CompleteVisit(
            @NotBlank @Pattern(regexp = CLIENT_ID, message = "must be a UUID") String clientId,
            @Schema(description = "optional: the visit version the app last saw; a mismatch is a conflict") Integer baseVersion,
            @NotNull @Schema(description = "when the visit ended, by the app's clock") Instant completedAt,
            @Valid ElderApi.Position position) {
    }

    public record VisitView(String id, String elderId, String visitorId, Status status, Kind kind, Instant startedAt,
                            GeoPoint startPosition, Integer startDistanceMeters,
                            @Schema(description = "started farther from the elder's home than allowed: accepted, but flagged for review") boolean farFromHome,
                            Condition condition, List<String> needs, List<String> hazards, List<String> followUps, String note,
                            Instant completedAt, int version) {
    }

    @Schema(description = "One queued write of an offline app. Exactly one of start/record/complete, matching op.")
    public record SyncOperation(@NotNull Op op, @Schema(description = "required for RECORD and COMPLETE") String visitId,
                                @Valid StartVisit start, @Valid RecordVisit record, @Valid CompleteVisit complete) {
    }

    public record SyncRequest(@NotNull @Size(min = 1, max = 500) List<@NotNull @Valid SyncOperation> operations) {
    }

    @Schema(description = "The outcome of one operation: 'visit' on success (also for a replay), 'problem' otherwise")
    public record SyncResult(int index, Op op, String clientId, int status, JsonNode visit, JsonNode problem) {
    }

    public record SyncResponse(List<SyncResult> results) {
    }

    public record TodayItem(int order, String elderId, String name, String address, GeoPoint home, RiskLevel riskLevel,
                            List<CareCategory> careCategories,
                            @Schema(description = "ASSIGNED, or DISPATCHED when an alert brought the elder to you") String reason,
                            String alertId, LocalDate dueDate, boolean overdue, Boolean phoneAllowed,
                            @Schema(description = "metres from the previous stop (or from you)") Integer distanceMeters) {
    }
}
