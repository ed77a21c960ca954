package org.eldercare.stationops;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eldercare.devtokens.DevTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.eldercare.stationops.Api.BUREAU;
import static org.eldercare.stationops.Api.as;
import static org.eldercare.stationops.Api.operator;
import static org.eldercare.stationops.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(BedRegistryStub.class)
class StationAndMealApiTest {

    @Test
    void onlyTheBureauManagesStationsAndOperatorsSeeOnlyTheirOwn() {
        String st = unique("st");
        String other = unique("st");
        Api.station(st, "haidian", "URBAN", 2);
        Api.station(other, "haidian", "RURAL", 0);
        as(operator(st)).body(Map.of("id", unique("st"), "name", "x", "district", "d", "areaType", "URBAN", "operatingSince", "2020-01-01"))
                .post("/api/stations").then().statusCode(403).contentType("application/problem+json");
        as(operator(st)).get("/api/stations/" + st).then().statusCode(200).body("stars", equalTo(2)).body("areaType", equalTo("URBAN"));
        as(operator(st)).get("/api/stations/" + other).then().statusCode(403);
        as(operator(st)).get("/api/stations").then().statusCode(200).body("$", hasSize(1)).body("[0].id", equalTo(st));
        as(DevTokens.mint("v-1", "visitor")).get("/api/stations/" + st).then().statusCode(403);
        given().get("/api/stations/" + st).then().statusCode(401);
        as(BUREAU).body(Map.of("stars", 3, "effectiveFrom", "2021-06-01")).post("/api/stations/" + st + "/star-ratings")
                .then().statusCode(200).body("stars", equalTo(3)).body("starHistory", hasSize(2));
        as(BUREAU).body(Map.of("id", st, "name", "dup", "district", "d", "areaType", "URBAN", "operatingSince", "2020-01-01"))
                .post("/api/stations").then().statusCode(409);
        as(BUREAU).body(Map.of("id", unique("st"), "name", "x", "district", "d", "areaType", "SUBURBAN", "operatingSince", "2020-01-01"))
                .post("/api/stations").then().statusCode(400);
        as(BUREAU).body(Map.of("id", unique("st"), "name", "x", "district", "d", "areaType", "URBAN", "operatingSince", "2020-01-01",
                "chainOperator", "Sunshine")).post("/api/stations").then().statusCode(400).body("detail", containsString("chainJoinedOn"));
    }

    @Test
    void theCounterServesByCardOrIdAndDeductsTheMealAssistanceOnceADay() {
        String st = unique("st");
        Api.station(st, "haidian", "URBAN", 1);
        String elder = unique("elder");
        String walkIn = unique("elder");
        String card = unique("card");
        Api.agreement(st, elder, "2024-01-01", null);
        as(operator(st)).body(Map.of("cardNo", card)).put("/api/elders/" + elder + "/card").then().statusCode(204);

        String lunch = as(operator(st)).body(Map.of("date", "2025-03-03", "meal", "LUNCH", "name", "Steamed fish, rice",
                        "priceFen", 1500, "dietaryTags", java.util.List.of("low-salt", "soft")))
                .post("/api/stations/" + st + "/menu-items").then().statusCode(201)
                .body("dietaryTags", equalTo(java.util.List.of("low-salt", "soft"))).extract().path("id");
        as(operator(st)).get("/api/stations/" + st + "/menu-items?from=2025-03-03&to=2025-03-09").then().statusCode(200).body("$", hasSize(1));

        String booking = as(operator(st)).body(Map.of("elderId", elder, "date", "2025-03-03", "meal", "LUNCH", "menuItemId", lunch,
                        "mode", "DELIVERY", "dietaryNeeds", java.util.List.of("diabetic")))
                .post("/api/stations/" + st + "/bookings").then().statusCode(201).body("status", equalTo("BOOKED")).extract().path("id");

        // By card: the booking is matched and the subsidy deducted.
        as(operator(st)).body(Map.of("cardNo", card, "menuItemId", lunch, "servedAt", "2025-03-03T04:00:00Z"))
                .post("/api/stations/" + st + "/meals-served").then().statusCode(201)
                .body("elderId", equalTo(elder)).body("subsidyFen", equalTo(500)).body("elderPaysFen", equalTo(1000))
                .body("bookingId", equalTo(booking)).body("mode", equalTo("DELIVERY"));
        // Second meal the same day: full price.
        as(operator(st)).body(Map.of("elderId", elder, "meal", "DINNER", "priceFen", 1200, "servedAt", "2025-03-03T10:00:00Z"))
                .post("/api/stations/" + st + "/meals-served").then().statusCode(201)
                .body("subsidyFen", equalTo(0)).body("elderPaysFen", equalTo(1200)).body("subsidyReason", containsString("already"));
        // No agreement: full price.
        as(operator(st)).body(Map.of("elderId", walkIn, "meal", "LUNCH", "priceFen", 1500, "servedAt", "2025-03-03T04:10:00Z"))
                .post("/api/stations/" + st + "/meals-served").then().statusCode(201).body("subsidyFen", equalTo(0))
                .body("bookingId", nullValue()).body("mode", equalTo("DINE_IN"));

        as(operator(st)).get("/api/stations/" + st + "/bookings?date=2025-03-03").then().statusCode(200)
                .body("[0].status", equalTo("SERVED")).body("[0].dietaryNeeds", equalTo(java.util.List.of("diabetic")));
        as(operator(st)).get("/api/stations/" + st + "/meal-counts?date=2025-03-03").then().statusCode(200)
                .body("served", equalTo(3)).body("diners", equalTo(2))
                .body("priceFen", equalTo(4200)).body("subsidyFen", equalTo(500)).body("elderPaidFen", equalTo(3700))
                .body("byMeal.LUNCH.booked", equalTo(1)).body("byMeal.LUNCH.served", equalTo(2))
                .body("byMeal.LUNCH.servedByMode.DELIVERY", equalTo(1)).body("byMeal.DINNER.subsidised", equalTo(0));

        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("stationops_meals_served_total"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/stations/{stationId}/meals-served"));
    }

    @Test
    void theCounterRefusesWhatItCannotRecord() {
        String st = unique("st");
        Api.station(st, "haidian", "URBAN", 1);
        String path = "/api/stations/" + st + "/meals-served";
        as(operator(st)).body(Map.of("cardNo", unique("nocard"), "meal", "LUNCH", "priceFen", 900)).post(path).then().statusCode(422);
        as(operator(st)).body(Map.of("elderId", "e", "cardNo", "c", "meal", "LUNCH", "priceFen", 900)).post(path).then().statusCode(400);
        as(operator(st)).body(Map.of("elderId", "e")).post(path).then().statusCode(400);
        as(operator(st)).body(Map.of("elderId", "e", "meal", "SUPPER", "priceFen", 900)).post(path).then().statusCode(400);
        as(operator(st)).body("{not json").post(path).then().statusCode(400);
        as(operator(st)).body(Map.of("elderId", "e", "meal", "LUNCH", "priceFen", 900, "servedAt", "2099-01-01T00:00:00Z"))
                .post(path).then().statusCode(400);
        as(operator(unique("st"))).body(Map.of("elderId", "e", "meal", "LUNCH", "priceFen", 900)).post(path).then().statusCode(403);
    }

    @Test
    void serviceRecordsAreKeptPerStationAndMonth() {
        String st = unique("st");
        Api.station(st, "haidian", "URBAN", 1);
        String elder = unique("elder");
        as(operator(st)).body(Map.of("elderId", elder, "kind", "BATHING", "startedAt", "2025-02-28T17:30:00Z", "minutes", 45,
                        "staff", "Wang Fang"))
                .post("/api/stations/" + st + "/service-records").then().statusCode(201)
                .body("serviceDate", equalTo("2025-03-01")); // 01:30 on 1 March in Beijing
        as(operator(st)).get("/api/stations/" + st + "/service-records?month=2025-03").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].kind", equalTo("BATHING")).body("[0].minutes", equalTo(45));
        as(operator(st)).get("/api/stations/" + st + "/service-records?month=2025-02").then().statusCode(200).body("$", hasSize(0));
        as(operator(st)).get("/api/stations/" + st + "/service-records?month=March").then().statusCode(400);
        as(operator(unique("st"))).get("/api/stations/" + st + "/service-records?month=2025-03").then().statusCode(403);
        as(operator(st)).body(Map.of("elderId", elder, "kind", "BATHING", "startedAt", "2025-02-28T17:30:00Z", "minutes", 0,
                "staff", "Wang Fang")).post("/api/stations/" + st + "/service-records").then().statusCode(400);
    }

    @Test
    void agreementsDoNotOverlapAndRulesAreVersionedData() {
        String st = unique("st");
        Api.station(st, "haidian", "URBAN", 1);
        String elder = unique("elder");
        Api.agreement(st, elder, "2024-01-01", "2024-12-31");
        as(operator(st)).body(Map.of("elderId", elder, "startDate", "2024-06-01", "category", "basic"))
                .post("/api/stations/" + st + "/agreements").then().statusCode(409);
        Api.agreement(st, elder, "2025-01-01", null);
        as(operator(st)).get("/api/stations/" + st + "/agreements?on=2025-02-01").then().statusCode(200).body("$", hasSize(1));

        as(operator(st)).get("/api/subsidy-rules?district=" + unique("d") + "&on=2025-01-01").then().statusCode(200)
                .body("[0].district", equalTo("*")).body("[0].rules.basicPerElderFen", equalTo(18000))
                .body("[0].rules.ruralFlatFen", equalTo(1400000)).body("[0].rules.mealAssistFen", equalTo(500));
        as(operator(st)).body(Map.of()).post("/api/subsidy-rules").then().statusCode(403);
        as(operator(st)).get("/api/subsidy-rules?district=x&on=2019-01-01").then().statusCode(422);
    }
}
