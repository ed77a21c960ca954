package org.eldercare.stationops;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eldercare.devtokens.DevTokens;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.eldercare.stationops.Api.BUREAU;
import static org.eldercare.stationops.Api.as;
import static org.eldercare.stationops.Api.operator;
import static org.eldercare.stationops.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(BedRegistryStub.class)
class StatementApiTest {

    private static String stubUrl() {
        return ConfigProvider.getConfig().getValue("eldercare.bed-registry.url", String.class);
    }

    /** Adds facilities to bed-registry's answer for the month, as bed-registry would list them. */
    private static void stubFacilities(String month, String facilitiesJsonArray) {
        given().baseUri(stubUrl()).body(facilitiesJsonArray).post("/__stub/bed-days?month=" + month).then().statusCode(204);
    }

    private static String facility(String kind, String operatingStationId, long bedDays, String eldersJson) {
        return "{\"facilityId\":\"" + java.util.UUID.randomUUID() + "\",\"facilityCode\":\"F\",\"facilityName\":\"beds\","
                + "\"kind\":\"" + kind + "\",\"operatingStationId\":" + (operatingStationId == null ? "null" : "\"" + operatingStationId + "\"")
                + ",\"complete\":true,\"daysCounted\":31,\"bedDays\":" + bedDays + ",\"nursingBedDays\":0,\"generalBedDays\":" + bedDays
                + ",\"elders\":" + eldersJson + "}";
    }

    private static void districtRulesWithRespite(String district) {
        Map<String, Object> rules = new HashMap<>();
        rules.put("district", district);
        rules.put("effectiveFrom", "2022-01-01");
        rules.put("basicPerElderFen", 18000);
        rules.put("ruralFlatFen", 1400000);
        rules.put("ruralThresholdElders", 80);
        rules.put("star2Fen", 200000);
        rules.put("star3PlusFen", 300000);
        rules.put("chainPerStationFen", 1000000);
        rules.put("chainAnniversaryYears", List.of(1, 2));
        rules.put("mealAssistFen", 500);
        rules.put("mealMinPriceFen", 500);
        rules.put("mealOperatingFen", 300);
        rules.put("respitePerBedDayFen", 5000);
        rules.put("jumpThresholdPercent", 150);
        as(BUREAU).body(rules).post("/api/subsidy-rules").then().statusCode(201).body("rules.respitePerBedDayFen", equalTo(5000));
        as(BUREAU).body(rules).post("/api/subsidy-rules").then().statusCode(409);
    }

    private static void serve(String st, String elder, String servedAt, String meal, long price) {
        as(operator(st)).body(Map.of("elderId", elder, "meal", meal, "priceFen", price, "servedAt", servedAt))
                .post("/api/stations/" + st + "/meals-served").then().statusCode(201);
    }

    private static JsonPath draft(String st, String month) {
        return as(operator(st)).body(Map.of("month", month)).post("/api/stations/" + st + "/statements")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<String> flagCodes(JsonPath s) {
        return s.getList("flags.code");
    }

    @Test
    void aMonthsStatementFromRecordsToPaymentWithLateCorrectionsAsAdjustments() {
        String district = unique("district");
        districtRulesWithRespite(district);
        String st = unique("st");
        String st2 = unique("st");
        Api.station(st, district, "URBAN", 2);
        Api.station(st2, district, "URBAN", 0);
        String e1 = unique("e1");
        String e2 = unique("e2");
        String e3 = unique("e3");
        Api.agreement(st, e1, "2024-01-01", null);
        Api.agreement(st, e2, "2025-01-17", null);   // 15 of 31 days: 180*15/31 = 87.10
        Api.agreement(st, e3, "2024-01-01", null);   // died on 10 Jan: 10 of 31 days = 58.06
        as(BUREAU).body(Map.of("kind", "DECEASED", "effectiveOn", "2025-01-10")).post("/api/elders/" + e3 + "/status").then().statusCode(200);
        as(operator(st)).body(Map.of("facilityId", "inst-x", "admittedOn", "2025-01-12", "dischargedOn", "2025-01-25"))
                .post("/api/elders/" + e1 + "/institution-stays").then().statusCode(201);

        serve(st, e1, "2025-01-06T03:30:00Z", "LUNCH", 1500);   // subsidised 5.00
        serve(st, e1, "2025-01-06T10:00:00Z", "DINNER", 1200);  // second meal of the day: not subsidised
        serve(st, e3, "2025-01-12T03:30:00Z", "LUNCH", 1500);   // after death: not subsidised, flagged
        serve(st, e2, "2025-01-20T03:30:00Z", "LUNCH", 1500);   // subsidised 5.00
        // Another station's counter worked offline and had already deducted the subsidy for e1 that day.
        as(operator(st2)).body(Map.of("elderId", e1, "meal", "DINNER", "priceFen", 1500, "servedAt", "2025-01-06T09:00:00Z",
                "offlineSubsidyFen", 500)).post("/api/stations/" + st2 + "/meals-served").then().statusCode(201)
                .body("offline", equalTo(true)).body("subsidyFen", equalTo(500));
        as(operator(st)).body(Map.of("elderId", e1, "kind", "HOME_VISIT", "startedAt", "2025-01-15T02:00:00Z", "minutes", 30, "staff", "Li"))
                .post("/api/stations/" + st + "/service-records").then().statusCode(201);
        // bed-registry: 12 respite bed-days at the station (12 * 50.00 = 600.00); its home-care beds are not respite;
        // e4 was in an institution bed all January, e5 only 20 days (bed-days carry no dates: not checked).
        String e4 = unique("e4");
        String e5 = unique("e5");
        stubFacilities("2025-01", "[" + facility("STATION", st, 12, "[]") + "," + facility("HOME_CARE", st, 300, "[]") + ","
                + facility("INSTITUTION", null, 51, "[{\"elderId\":\"" + e4 + "\",\"bedDays\":31},{\"elderId\":\"" + e5
                + "\",\"bedDays\":20}]") + "]");
        for (String elder : List.of(e4, e5)) {
            as(operator(st)).body(Map.of("elderId", elder, "kind", "PERSONAL_CARE", "startedAt", "2025-01-16T02:00:00Z", "minutes", 40,
                    "staff", "Li")).post("/api/stations/" + st + "/service-records").then().statusCode(201);
        }

        JsonPath jan = draft(st, "2025-01");
        // 180.00 + 87.10 + 58.06 + 2000.00 stars + 10.00 meals + 6.00 operating + 600.00 respite = 2941.16
        assertEquals("DRAFT", jan.getString("status"));
        assertEquals(18000 + 8710 + 5806, jan.getLong("lines.find { it.code == 'BASIC' }.amountFen"));
        assertEquals(200000, jan.getLong("lines.find { it.code == 'STAR' }.amountFen"));
        assertEquals(1000, jan.getLong("lines.find { it.code == 'MEAL_ASSISTANCE' }.amountFen"));
        assertEquals(600, jan.getLong("lines.find { it.code == 'MEAL_OPERATING' }.amountFen"));
        assertEquals(60000, jan.getLong("lines.find { it.code == 'RESPITE' }.amountFen"));
        assertEquals(294116, jan.getLong("totalFen"));
        assertEquals("2941.16", jan.getString("totalYuan"));
        assertTrue(flagCodes(jan).containsAll(List.of("DUPLICATE_SUBSIDISED_MEAL", "SERVED_AFTER_DEATH", "SERVED_DURING_INSTITUTION_STAY")),
                flagCodes(jan).toString());
        assertEquals(4, flagCodes(jan).size(), flagCodes(jan).toString());
        List<String> stayElders = jan.getList("flags.findAll { it.code == 'SERVED_DURING_INSTITUTION_STAY' }.elderId");
        assertEquals(java.util.Set.of(e1, e4), java.util.Set.copyOf(stayElders));
        List<String> basicRefs = jan.getList("lines.find { it.code == 'BASIC' }.items.ref");
        assertTrue(basicRefs.stream().allMatch(r -> r.startsWith("agreement:")));
        String id = jan.getString("id");

        // Same records, same statement.
        JsonPath again = draft(st, "2025-01");
        assertEquals(id, again.getString("id"));
        assertEquals(jan.getString("digest"), again.getString("digest"));
        assertEquals(jan.getList("lines"), again.getList("lines"));

        // Exports.
        String csv = as(operator(st)).get("/api/statements/" + id + "/csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.startsWith("station_id,month,status,line,description,ref,elder_id,note,quantity,amount_yuan\r\n"));
        assertTrue(csv.contains(",TOTAL,") && csv.contains("2941.16"));
        assertTrue(csv.contains("FLAG SERVED_AFTER_DEATH"));
        as(BUREAU).get("/api/statements/" + id + "/print").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("2941.16")).body(containsString(st)).body(containsString("SERVED_DURING_INSTITUTION_STAY"));

        // Workflow and who may do what.
        String stranger = operator(unique("st"));
        as(stranger).get("/api/statements/" + id).then().statusCode(403);
        as(stranger).body(Map.of("month", "2025-01")).post("/api/stations/" + st + "/statements").then().statusCode(403);
        as(DevTokens.mint("fam", "family")).get("/api/statements/" + id).then().statusCode(403);
        as(BUREAU).post("/api/statements/" + id + "/approve").then().statusCode(409); // not submitted yet
        as(operator(st)).post("/api/statements/" + id + "/submit").then().statusCode(200).body("status", equalTo("SUBMITTED"));
        as(operator(st)).post("/api/statements/" + id + "/approve").then().statusCode(403);
        as(BUREAU).get("/api/statements?status=SUBMITTED").then().statusCode(200).body("id", hasItem(id));
        as(BUREAU).post("/api/statements/" + id + "/approve").then().statusCode(200).body("status", equalTo("APPROVED"));
        as(operator(st)).body(Map.of("month", "2025-01")).post("/api/stations/" + st + "/statements").then().statusCode(409);

        // A meal of January recorded late: January stays as approved, February carries +5.00 +3.00.
        serve(st, e2, "2025-01-21T03:30:00Z", "LUNCH", 1500);
        JsonPath feb = draft(st, "2025-02");
        // e1 and e2 signed all February (360.00) + stars 2000.00 + adjustment 8.00; no respite bed-days in February
        assertEquals(36000, feb.getLong("lines.find { it.code == 'BASIC' }.amountFen"));
        assertEquals(800, feb.getLong("lines.find { it.code == 'ADJUSTMENT' }.amountFen"));
        assertEquals("statement:" + id, feb.getString("lines.find { it.code == 'ADJUSTMENT' }.items[0].ref"));
        assertEquals(236800, feb.getLong("totalFen"));
        as(BUREAU).get("/api/statements/" + id).then().body("totalFen", equalTo(294116)).body("status", equalTo("APPROVED"));

        // Rejected, corrected, resubmitted, approved, paid.
        String febId = feb.getString("id");
        as(operator(st)).post("/api/statements/" + febId + "/submit").then().statusCode(200);
        as(BUREAU).body(Map.of()).post("/api/statements/" + febId + "/reject").then().statusCode(400);
        as(BUREAU).body(Map.of("reason", "Attach the home-visit sheets")).post("/api/statements/" + febId + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("rejectionReason", equalTo("Attach the home-visit sheets"));
        as(operator(st)).post("/api/statements/" + febId + "/submit").then().statusCode(409);
        draft(st, "2025-02");
        as(operator(st)).post("/api/statements/" + febId + "/submit").then().statusCode(200);
        as(BUREAU).post("/api/statements/" + febId + "/approve").then().statusCode(200);
        as(operator(st)).body(Map.of("paymentRef", "x")).post("/api/statements/" + febId + "/pay").then().statusCode(403);
        as(BUREAU).body(Map.of("paymentRef", "BANK-2025-03-0042")).post("/api/statements/" + febId + "/pay").then().statusCode(200)
                .body("status", equalTo("PAID")).body("paymentRef", equalTo("BANK-2025-03-0042"));

        // March: January's correction was already carried by February, so no adjustment again.
        JsonPath mar = draft(st, "2025-03");
        assertTrue(mar.getList("lines.code").stream().noneMatch("ADJUSTMENT"::equals), mar.getList("lines.code").toString());
        as(operator(st)).get("/api/stations/" + st + "/statements").then().statusCode(200)
                .body("month", equalTo(List.of("2025-03", "2025-02", "2025-01")));
    }

    @Test
    void unreachableBedRegistryLeavesRespiteMissingAndFlagged() {
        for (String mode : List.of("down", "dead")) {
            String month = mode.equals("down") ? "2024-07" : "2024-08";
            given().baseUri(stubUrl()).post("/__stub/fail?month=" + month + "&mode=" + mode).then().statusCode(204);
            String st = unique("st");
            Api.station(st, "haidian", "URBAN", 1);
            Api.agreement(st, unique("e"), "2024-01-01", null);
            JsonPath s = draft(st, month);
            assertTrue(flagCodes(s).contains("RESPITE_DATA_MISSING"), mode + ": " + flagCodes(s));
            assertTrue(s.getList("lines.code").stream().noneMatch("RESPITE"::equals));
            assertEquals(18000, s.getLong("totalFen"));
        }
    }

    @Test
    void aQuietStationHasNoFlagsAndASuddenJumpIsFlagged() {
        String st = unique("st");
        Api.station(st, "haidian", "URBAN", 1);
        Api.agreement(st, unique("e"), "2024-01-01", null);
        JsonPath jan = draft(st, "2025-01");
        assertEquals(List.of(), flagCodes(jan));
        String id = jan.getString("id");
        as(operator(st)).post("/api/statements/" + id + "/submit").then().statusCode(200);
        as(BUREAU).post("/api/statements/" + id + "/approve").then().statusCode(200);
        // February as steady as January: quiet.
        assertEquals(List.of(), flagCodes(draft(st, "2025-02")));
        // Ten new elders in February: 11 x 180 against 180 approved in January.
        for (int i = 0; i < 10; i++) {
            Api.agreement(st, unique("e"), "2025-02-01", null);
        }
        JsonPath feb = draft(st, "2025-02");
        assertEquals(List.of("SUDDEN_JUMP"), flagCodes(feb));
        as(operator(st)).get("/api/statements/" + feb.getString("id") + "/print").then().statusCode(200)
                .body(containsString("SUDDEN_JUMP")).body(not(containsString("No flags.")));
    }

    @Test
    void statementsForMonthsNotBegunOrNotOverAreRefused() {
        String st = unique("st");
        Api.station(st, "haidian", "URBAN", 1);
        as(operator(st)).body(Map.of("month", "2099-01")).post("/api/stations/" + st + "/statements").then().statusCode(400);
        as(operator(st)).body(Map.of("month", "2025-13")).post("/api/stations/" + st + "/statements").then().statusCode(400);
        as(operator(st)).body(Map.of("month", "2019-12")).post("/api/stations/" + st + "/statements").then().statusCode(422)
                .body("detail", containsString("operates since 2020-01-01"));
        String current = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String id = as(operator(st)).body(Map.of("month", current)).post("/api/stations/" + st + "/statements")
                .then().statusCode(200).extract().path("id");
        as(operator(st)).post("/api/statements/" + id + "/submit").then().statusCode(409).body("detail", containsString("month is over"));
        as(operator(st)).body(Map.of("month", "2025-01")).post("/api/stations/" + unique("nostation") + "/statements").then().statusCode(403);
        as(BUREAU).body(Map.of("month", "2025-01")).post("/api/stations/" + unique("nostation") + "/statements").then().statusCode(404);
    }

    @Test
    void racingRequestsGetConflictsNotServerErrors() throws Exception {
        String st = unique("st");
        Api.station(st, "haidian", "URBAN", 1);
        Api.agreement(st, unique("e"), "2024-01-01", null);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> drafts = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                drafts.add(pool.submit(() -> as(operator(st)).body(Map.of("month", "2025-04"))
                        .post("/api/stations/" + st + "/statements").then().extract().statusCode()));
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (var f : drafts) {
                codes.add(f.get());
            }
            assertTrue(codes.contains(200) && codes.stream().allMatch(c -> c == 200 || c == 409), codes.toString());

            String id = draft(st, "2025-04").getString("id");
            as(operator(st)).post("/api/statements/" + id + "/submit").then().statusCode(200);
            List<java.util.concurrent.Future<Integer>> approvals = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                approvals.add(pool.submit(() -> as(BUREAU).post("/api/statements/" + id + "/approve").then().extract().statusCode()));
            }
            codes.clear();
            for (var f : approvals) {
                codes.add(f.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
            assertTrue(codes.stream().allMatch(c -> c == 200 || c == 409), codes.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMistakenRecordIsVoidedWithAReasonAndTheRecomputedDraftDropsIt() {
        String st = unique("st");
        Api.station(st, "haidian", "URBAN", 1);
        String elder = unique("e");
        Api.agreement(st, elder, "2024-01-01", null);
        // An offline counter scanned the card twice.
        List<String> meals = new java.util.ArrayList<>();
        for (String at : List.of("2025-05-06T03:30:00Z", "2025-05-06T03:31:00Z")) {
            meals.add(as(operator(st)).body(Map.of("elderId", elder, "meal", "LUNCH", "priceFen", 1500, "servedAt", at,
                    "offlineSubsidyFen", 500)).post("/api/stations/" + st + "/meals-served").then().statusCode(201).extract().path("id"));
        }
        JsonPath before = draft(st, "2025-05");
        assertEquals(List.of("DUPLICATE_SUBSIDISED_MEAL"), flagCodes(before));
        assertEquals(1000, before.getLong("lines.find { it.code == 'MEAL_ASSISTANCE' }.amountFen"));

        String voidPath = "/api/stations/" + st + "/meals-served/" + meals.get(1) + "/void";
        as(operator(unique("st"))).body(Map.of("reason", "double scan")).post(voidPath).then().statusCode(403);
        as(operator(st)).body(Map.of()).post(voidPath).then().statusCode(400);
        as(operator(st)).body(Map.of("reason", "double scan")).post(voidPath).then().statusCode(200)
                .body("voidReason", equalTo("double scan"));
        as(operator(st)).body(Map.of("reason", "double scan")).post(voidPath).then().statusCode(409);

        JsonPath after = draft(st, "2025-05");
        assertEquals(List.of(), flagCodes(after));
        assertEquals(500, after.getLong("lines.find { it.code == 'MEAL_ASSISTANCE' }.amountFen"));
        assertEquals(18000 + 500 + 300, after.getLong("totalFen"));

        String record = as(operator(st)).body(Map.of("elderId", elder, "kind", "CLEANING", "startedAt", "2025-05-07T02:00:00Z",
                "minutes", 60, "staff", "Zhao")).post("/api/stations/" + st + "/service-records").then().statusCode(201).extract().path("id");
        as(operator(st)).body(Map.of("reason", "wrong elder")).post("/api/stations/" + st + "/service-records/" + record + "/void")
                .then().statusCode(200).body("voidReason", equalTo("wrong elder"));
    }
}
