package org.eldercare.simulators.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * station-ops' REST API (docs/services/station-ops.md) as one caller uses it: the bureau to
 * register stations, a station's operator for its agreements, menus, bookings, counter and service
 * records. Which calls succeed is decided by the caller's token, as for any user.
 */
public class StationOpsApi {

    private final PlatformApi api;

    public StationOpsApi(String baseUrl, String token) {
        this.api = new PlatformApi(baseUrl, token);
    }

    public String baseUrl() {
        return api.baseUrl();
    }

    /** Bureau: {@code POST /api/stations}; chain operator and date both or neither. */
    public JsonNode registerStation(String id, String name, String district, String areaType, int stars,
                                    String chainOperator, LocalDate chainJoinedOn, LocalDate operatingSince) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("name", name);
        body.put("district", district);
        body.put("areaType", areaType);
        body.put("stars", stars);
        if (chainOperator != null) {
            body.put("chainOperator", chainOperator);
            body.put("chainJoinedOn", chainJoinedOn.toString());
        }
        body.put("operatingSince", operatingSince.toString());
        return api.post("/api/stations", body);
    }

    public JsonNode station(String id) {
        return api.get("/api/stations/" + id);
    }

    /** A basic-care service agreement from {@code startDate}, open-ended. */
    public JsonNode signAgreement(String stationId, String elderId, LocalDate startDate, String category) {
        return api.post("/api/stations/" + stationId + "/agreements",
                Map.of("elderId", elderId, "startDate", startDate.toString(), "category", category));
    }

    /** A dish on the menu: {@code meal} BREAKFAST, LUNCH or DINNER; answers the item with its {@code id}. */
    public JsonNode addMenuItem(String stationId, LocalDate date, String meal, String name, long priceFen, List<String> dietaryTags) {
        return api.post("/api/stations/" + stationId + "/menu-items", Map.of("date", date.toString(), "meal", meal,
                "name", name, "priceFen", priceFen, "dietaryTags", dietaryTags));
    }

    /** A booking; {@code menuItemId} may be null, {@code mode} DINE_IN, PICK_UP or DELIVERY. */
    public JsonNode book(String stationId, String elderId, LocalDate date, String meal, String menuItemId, String mode,
                         List<String> dietaryNeeds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("elderId", elderId);
        body.put("date", date.toString());
        body.put("meal", meal);
        if (menuItemId != null) {
            body.put("menuItemId", menuItemId);
        }
        body.put("mode", mode);
        body.put("dietaryNeeds", dietaryNeeds);
        return api.post("/api/stations/" + stationId + "/bookings", body);
    }

    /**
     * The counter: a meal of {@code meal} at {@code priceFen} handed to the elder at {@code servedAt}
     * (null: now). station-ops decides the subsidy as for any meal of that day.
     */
    public JsonNode serve(String stationId, String elderId, String meal, long priceFen, Instant servedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("elderId", elderId);
        body.put("meal", meal);
        body.put("priceFen", priceFen);
        if (servedAt != null) {
            body.put("servedAt", servedAt.toString());
        }
        return api.post("/api/stations/" + stationId + "/meals-served", body);
    }

    /** A service delivered: kind HOME_VISIT, PERSONAL_CARE, CLEANING, BATHING, MEDICAL_ESCORT or RESPITE_STAY. */
    public JsonNode recordService(String stationId, String elderId, String kind, Instant startedAt, int minutes,
                                  String staff, String notes) {
        return api.post("/api/stations/" + stationId + "/service-records", Map.of("elderId", elderId, "kind", kind,
                "startedAt", startedAt.toString(), "minutes", minutes, "staff", staff, "notes", notes));
    }

    /** Registers a card number the counter can read for the elder. */
    public void registerCard(String elderId, String cardNo) {
        api.put("/api/elders/" + elderId + "/card", Map.of("cardNo", cardNo));
    }

    /** Computes (or recomputes) a month's statement as a draft: {@code month} YYYY-MM. */
    public JsonNode draftStatement(String stationId, String month) {
        return api.post("/api/stations/" + stationId + "/statements", Map.of("month", month));
    }
}
