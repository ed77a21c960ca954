package org.eldercare.stationops;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eldercare.devtokens.DevTokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Helpers for API tests: tokens, unique ids (the test database is reused), and fixtures made through the API. */
final class Api {

    static final String BUREAU = DevTokens.mint("bureau-officer", "bureau");

    private Api() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String operator(String stationId) {
        return DevTokens.operator("op-" + stationId, stationId);
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static void station(String id, String district, String area, int stars) {
        as(BUREAU).body(Map.of("id", id, "name", "Station " + id, "district", district, "areaType", area, "stars", stars,
                        "operatingSince", "2020-01-01"))
                .post("/api/stations").then().statusCode(201);
    }

    static void agreement(String stationId, String elderId, String start, String end) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("elderId", elderId, "startDate", start, "category", "basic"));
        if (end != null) {
            body.put("endDate", end);
        }
        as(operator(stationId)).body(body).post("/api/stations/" + stationId + "/agreements").then().statusCode(201);
    }
}
