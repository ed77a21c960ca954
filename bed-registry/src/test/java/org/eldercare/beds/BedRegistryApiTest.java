package org.eldercare.beds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eldercare.devtokens.DevTokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class BedRegistryApiTest {

    static final String BUREAU = DevTokens.mint("bureau-1", "bureau");
    static final String SERVICE = DevTokens.mint("station-ops", "service");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    /** A fresh district d-x with two streets, three communities and population for 2020. */
    record District(String id, String s1, String s2, String c11, String c12, String c21) {
    }

    static District district() {
        String x = UUID.randomUUID().toString().substring(0, 8);
        District d = new District("d-" + x, "d-" + x + "-s1", "d-" + x + "-s2", "d-" + x + "-c11", "d-" + x + "-c12", "d-" + x + "-c21");
        String areas = "id,name,level,parent_id\n"
                + d.id() + ",Test District " + x + ",DISTRICT,\n"
                + d.s1() + ",Street 1,STREET," + d.id() + "\n"
                + d.s2() + ",Street 2,street," + d.id() + "\n"
                + d.c11() + ",\"Community 1, 1\",COMMUNITY," + d.s1() + "\n"
                + d.c12() + ",Community 1-2,COMMUNITY," + d.s1() + "\n"
                + d.c21() + ",Community 2-1,COMMUNITY," + d.s2() + "\n";
        as(BUREAU).contentType("text/csv").body(areas).post("/api/areas/import").then().statusCode(200).body("imported", equalTo(6));
        String pop = "area_id,year,resident_population,aged_60_plus,aged_80_plus,disabled_elders\n"
                + d.c11() + ",2020,10000,2000,300,100\n"
                + d.c12() + ",2020,3001,600,90,30\n"
                + d.c21() + ",2020,7000,1500,200,80\n";
        as(BUREAU).contentType("text/csv").body(pop).post("/api/areas/population/import").then().statusCode(200).body("imported", equalTo(3));
        return d;
    }

    static String facility(String area, String kind, String station, int nursing, int general) {
        String code = "F-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("code", code, "name", "Facility " + code, "kind", kind,
                "areaId", area, "ownerType", "PUBLIC_BUILT_PRIVATE_RUN",
                "licensedCapacity", nursing + general, "nursingStaff", 3, "openedOn", "2019-01-01"));
        if (station != null) {
            body.put("operatingStationId", station);
        }
        String id = as(BUREAU).contentType(ContentType.JSON).body(body)
                .post("/api/facilities").then().statusCode(201).extract().path("id");
        if (nursing > 0) {
            as(BUREAU).contentType(ContentType.JSON).body(Map.of("label", "N-", "count", nursing, "type", "NURSING"))
                    .post("/api/facilities/" + id + "/beds").then().statusCode(201);
        }
        if (general > 0) {
            as(BUREAU).contentType(ContentType.JSON).body(Map.of("label", "G-", "count", general, "type", "GENERAL"))
                    .post("/api/facilities/" + id + "/beds").then().statusCode(201);
        }
        return id;
    }

    static List<String> beds(String facilityId) {
        return as(BUREAU).get("/api/facilities/" + facilityId + "/beds").then().statusCode(200).extract().path("id");
    }

    static Response admit(String token, String bedId, String elder, Instant at, Instant until) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("elderId", elder));
        if (at != null) {
            body.put("admittedAt", at.toString());
        }
        if (until != null) {
            body.put("dischargedAt", until.toString());
        }
        return as(token).contentType(ContentType.JSON).body(body).post("/api/beds/" + bedId + "/stays");
    }

    static Instant sh(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    static String elder() {
        return "elder-" + UUID.randomUUID();
    }

    @Test
    void badCsvIsRefusedWholeWithEveryBadRow() {
        String x = UUID.randomUUID().toString().substring(0, 8);
        String csv = "id,name,level,parent_id\n"
                + "ok-" + x + ",Fine District,DISTRICT,\n"
                + "bad1-" + x + ",Orphan,COMMUNITY,nowhere-" + x + "\n"
                + "bad2-" + x + ",Odd,PROVINCE,\n";
        as(BUREAU).contentType("text/csv").body(csv).post("/api/areas/import").then().statusCode(400)
                .contentType("application/problem+json")
                .body("context.rows", hasSize(2)).body("context.rows[0].line", equalTo(3)).body("context.rows[1].line", equalTo(4))
                .body("context.rows[1].reason", containsString("PROVINCE"));
        as(BUREAU).get("/api/areas/ok-" + x).then().statusCode(404);

        District d = district();
        String pop = "area_id,year,resident_population,aged_60_plus,aged_80_plus,disabled_elders\n"
                + d.c11() + ",2021,10100,2050,310,100\n"
                + d.s1() + ",2021,5000,100,10,1\n"
                + d.c12() + ",2021,100,200,10,1\n"
                + d.c21() + ",2021,lots,1,1,1\n";
        as(BUREAU).contentType("text/csv").body(pop).post("/api/areas/population/import").then().statusCode(400)
                .body("context.rows.line", equalTo(List.of(3, 4, 5)))
                .body("detail", containsString("nothing from it was stored"));
        as(BUREAU).get("/api/areas/" + d.c11() + "/population").then().statusCode(200).body("year", equalTo(List.of(2020)));
    }

    @Test
    void rolesAreEnforced() {
        District d = district();
        String f = facility(d.c11(), "STATION", "st-" + d.id(), 1, 1);
        String bed = beds(f).get(0);
        for (String role : List.of("visitor", "family", "device-admin")) {
            String token = DevTokens.mint("someone", role);
            as(token).get("/api/coverage/" + d.id()).then().statusCode(403);
            as(token).get("/api/facilities/" + f + "/beds").then().statusCode(403);
            admit(token, bed, elder(), null, null).then().statusCode(403);
        }
        given().get("/api/coverage/" + d.id()).then().statusCode(401);
        String ownOperator = DevTokens.operator("op-1", "st-" + d.id());
        String otherOperator = DevTokens.operator("op-2", "st-other");
        as(otherOperator).get("/api/facilities/" + f + "/beds").then().statusCode(403);
        admit(otherOperator, bed, elder(), null, null).then().statusCode(403).body("detail", containsString("not operated by your station"));
        String stay = admit(ownOperator, bed, elder(), null, null).then().statusCode(201).extract().path("id");
        as(otherOperator).contentType(ContentType.JSON).body("{}").post("/api/stays/" + stay + "/discharge").then().statusCode(403);
        as(ownOperator).contentType(ContentType.JSON).body("{}").post("/api/stays/" + stay + "/discharge").then().statusCode(200);
        as(ownOperator).get("/api/coverage/" + d.id()).then().statusCode(200);
        as(ownOperator).get("/api/facilities").then().statusCode(200).body("id", equalTo(List.of(f)));
        as(ownOperator).contentType(ContentType.JSON).body(Map.of("id", "x", "name", "x", "level", "DISTRICT")).post("/api/areas").then().statusCode(403);
        as(ownOperator).get("/api/bed-days?month=2026-01").then().statusCode(403);
    }

    @Test
    void aBedHoldsOneElderAtATime() {
        District d = district();
        String f = facility(d.c11(), "INSTITUTION", null, 1, 1);
        List<String> beds = beds(f);
        String bed = beds.get(0);
        String e1 = elder();
        String stay = admit(BUREAU, bed, e1, sh("2026-01-10T10:00"), null).then().statusCode(201).extract().path("id");
        admit(BUREAU, bed, elder(), null, null).then().statusCode(409)
                .body("detail", containsString("already occupied")).body("context.conflictingStayId", equalTo(stay));
        // The same elder cannot be in a second bed at the same time either.
        admit(BUREAU, beds.get(1), e1, sh("2026-02-01T10:00"), null).then().statusCode(409).body("detail", containsString(e1));
        // Discharge before admission, and discharge twice.
        as(BUREAU).contentType(ContentType.JSON).body(Map.of("dischargedAt", sh("2026-01-09T10:00").toString()))
                .post("/api/stays/" + stay + "/discharge").then().statusCode(400).body("detail", containsString("must come after the admission"));
        as(BUREAU).contentType(ContentType.JSON).body(Map.of("dischargedAt", sh("2026-01-20T09:00").toString()))
                .post("/api/stays/" + stay + "/discharge").then().statusCode(200).body("dischargedAt", equalTo(sh("2026-01-20T09:00").toString()));
        as(BUREAU).contentType(ContentType.JSON).body("{}").post("/api/stays/" + stay + "/discharge").then().statusCode(409)
                .body("detail", containsString("already discharged"));
        as(BUREAU).contentType(ContentType.JSON).body("{}").post("/api/beds/" + bed + "/discharge").then().statusCode(409)
                .body("detail", containsString("not occupied"));
        // A recorded past stay overlapping the first is refused; one that starts at its discharge is fine.
        admit(BUREAU, bed, elder(), sh("2026-01-05T10:00"), sh("2026-01-12T10:00")).then().statusCode(409);
        admit(BUREAU, bed, elder(), sh("2026-01-20T09:00"), sh("2026-01-25T09:00")).then().statusCode(201);
        admit(BUREAU, bed, elder(), sh("2026-01-25T10:00"), sh("2026-01-24T10:00")).then().statusCode(400);
        admit(BUREAU, bed, elder(), Instant.now().plus(2, ChronoUnit.DAYS), null).then().statusCode(400).body("detail", containsString("future"));
        as(BUREAU).get("/api/beds/" + bed + "/stays").then().statusCode(200).body("$", hasSize(2));
    }

    @Test
    void concurrentAdmissionsToOneBedLetExactlyOneIn() throws Exception {
        District d = district();
        String f = facility(d.c11(), "INSTITUTION", null, 1, 0);
        String bed = beds(f).get(0);
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(() -> admit(BUREAU, bed, elder(), null, null).statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> r : pool.invokeAll(calls)) {
                codes.add(r.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes.toString());
            assertEquals(n - 1, codes.stream().filter(c -> c == 409).count(), codes.toString());

            // Overlapping past stays sent together: one wins.
            String bed2 = beds(facility(d.c12(), "INSTITUTION", null, 0, 1)).get(0);
            List<Callable<Integer>> overlapping = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int day = 1 + i;
                overlapping.add(() -> admit(BUREAU, bed2, elder(), sh(String.format("2026-03-%02dT10:00", day)),
                        sh(String.format("2026-03-%02dT10:00", day + 10))).statusCode());
            }
            List<Integer> codes2 = new ArrayList<>();
            for (Future<Integer> r : pool.invokeAll(overlapping)) {
                codes2.add(r.get());
            }
            assertEquals(1, codes2.stream().filter(c -> c == 201).count(), codes2.toString());

            // Concurrent discharges of one stay: one succeeds, the rest are told it is already discharged.
            String stay = as(BUREAU).get("/api/facilities/" + f + "/stays?open=true").then().extract().path("[0].id");
            List<Callable<Integer>> discharges = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                discharges.add(() -> as(BUREAU).contentType(ContentType.JSON).body("{}").post("/api/stays/" + stay + "/discharge").statusCode());
            }
            List<Integer> codes3 = new ArrayList<>();
            for (Future<Integer> r : pool.invokeAll(discharges)) {
                codes3.add(r.get());
            }
            assertEquals(List.of(200, 409, 409, 409), codes3.stream().sorted().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bedDaysFollowTheShanghaiCalendar() {
        District d = district();
        String station = "st-" + d.id();
        String f = facility(d.c11(), "STATION", station, 1, 1);
        List<String> beds = beds(f); // ordered by label: G- (general) then N- (nursing)
        java.util.Collections.reverse(beds);
        String e1 = elder();
        String e2 = elder();
        // Nursing bed: 10 Jan 15:00 to 13 Jan 09:00 = 3 bed-days; then 20 Jan until 3 Feb = 12 in January.
        admit(BUREAU, beds.get(0), e1, sh("2026-01-10T15:00"), sh("2026-01-13T09:00")).then().statusCode(201);
        admit(BUREAU, beds.get(0), e2, sh("2026-01-20T22:00"), sh("2026-02-03T08:00")).then().statusCode(201);
        // General bed: 31 Dec 23:30 Shanghai (15:30 UTC) to 2 Jan = 1 day in January; same-day stay = 0.
        admit(BUREAU, beds.get(1), e1, sh("2025-12-31T23:30"), sh("2026-01-02T07:00")).then().statusCode(201);
        admit(BUREAU, beds.get(1), elder(), sh("2026-01-05T08:00"), sh("2026-01-05T18:00")).then().statusCode(201);

        as(SERVICE).get("/api/facilities/" + f + "/bed-days?month=2026-01").then().statusCode(200)
                .body("month", equalTo("2026-01")).body("complete", equalTo(true)).body("daysCounted", equalTo(31))
                .body("bedDays", equalTo(16)).body("nursingBedDays", equalTo(15)).body("generalBedDays", equalTo(1))
                .body("operatingStationId", equalTo(station))
                .body("elders.find { it.elderId == '" + e1 + "' }.bedDays", equalTo(4))
                .body("elders.find { it.elderId == '" + e2 + "' }.bedDays", equalTo(12));
        as(SERVICE).get("/api/bed-days?month=2026-02&stationId=" + station).then().statusCode(200)
                .body("month", equalTo("2026-02")).body("facilities", hasSize(1))
                .body("facilities[0].facilityId", equalTo(f)).body("facilities[0].bedDays", equalTo(2));
        as(SERVICE).get("/api/bed-days?month=2026-13").then().statusCode(400);
        as(SERVICE).get("/api/bed-days").then().statusCode(400);
        as(SERVICE).get("/api/bed-days?month=" + YearMonth.now(SHANGHAI).plusMonths(2)).then().statusCode(400);
    }

    @Test
    void coverageRollsUpAndAnswersInCsv() {
        District d = district();
        String plan = "plan-" + d.id();
        as(BUREAU).contentType(ContentType.JSON).body(Map.of("code", plan, "name", "Test plan", "areaId", d.id(),
                        "countedKinds", List.of("INSTITUTION", "CARE_CENTRE", "STATION"),
                        "targets", List.of(Map.of("year", 2020, "bedsPer1000", 7.0, "nursingSharePercent", 55,
                                "careStaffPer10000Elders", 20, "stations", 5, "careCentres", 1, "homeCareBeds", 10))))
                .post("/api/plans").then().statusCode(201).body("targets", hasSize(1));
        String inst = facility(d.c11(), "INSTITUTION", null, 40, 20);
        facility(d.c12(), "STATION", "st-" + d.id(), 2, 2);
        facility(d.c21(), "CARE_CENTRE", null, 10, 10);
        facility(d.c21(), "HOME_CARE", null, 15, 0);
        List<String> instBeds = beds(inst);
        admit(BUREAU, instBeds.get(0), elder(), sh("2020-12-01T10:00"), null).then().statusCode(201);
        admit(BUREAU, instBeds.get(1), elder(), sh("2020-12-01T10:00"), sh("2020-12-31T10:00")).then().statusCode(201);

        Response r = as(BUREAU).get("/api/coverage/" + d.id() + "?date=2020-12-31");
        r.then().statusCode(200).body("date", equalTo("2020-12-31")).body("plan.planCode", equalTo(plan))
                .body("coverage.residents", equalTo(20001)).body("coverage.countedBeds", equalTo(84))
                .body("coverage.allBeds", equalTo(99)).body("coverage.homeCareBeds", equalTo(15))
                .body("coverage.bedsPer1000", equalTo(4.2f)).body("coverage.requiredBeds", equalTo(141))
                .body("coverage.bedsGap", equalTo(57)).body("coverage.occupiedBeds", equalTo(1))
                .body("coverage.stations", equalTo(1)).body("coverage.stationsGap", equalTo(4))
                .body("coverage.children", hasSize(2));
        List<Integer> streetBeds = r.path("coverage.children.countedBeds");
        assertEquals(84, streetBeds.stream().mapToInt(Integer::intValue).sum());
        List<Integer> streetResidents = r.path("coverage.children.residents");
        assertEquals(20001, streetResidents.stream().mapToInt(Integer::intValue).sum());

        // Before the facilities opened: no beds, full gap.
        as(BUREAU).get("/api/coverage/" + d.s1() + "?date=2018-06-30").then().statusCode(200)
                .body("plan", equalTo(null)).body("coverage.countedBeds", equalTo(0)).body("coverage.bedsGap", equalTo(null));

        String csv = as(BUREAU).accept("text/csv").get("/api/coverage/" + d.id() + "?date=2020-12-31")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(1 + 6, lines.length, csv);
        org.junit.jupiter.api.Assertions.assertTrue(lines[0].startsWith("date,plan,plan_year,area_id,name,level,parent_id,residents"));
        org.junit.jupiter.api.Assertions.assertTrue(lines[1].startsWith("2020-12-31," + plan + ",2020," + d.id() + ","), lines[1]);
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("\"Community 1, 1\""));
        as(BUREAU).get("/api/coverage/" + d.id() + "?date=2020-12-31&format=csv").then().statusCode(200).contentType(startsWith("text/csv"));

        as(BUREAU).get("/api/coverage/" + d.id() + "/trend?from=2020-11&to=2021-02").then().statusCode(200)
                .body("$", hasSize(4)).body("month", equalTo(List.of("2020-11", "2020-12", "2021-01", "2021-02")))
                .body("[1].coverage.countedBeds", equalTo(84)).body("[0].plan.year", equalTo(2020))
                .body("[2].coverage.occupiedBeds", equalTo(1))
                // December: 31 + 30 bed-days of 84 beds x 31 days = 2.34 %; the home-care beds are not counted.
                .body("[1].bedDays", equalTo(61)).body("[1].availableBedDays", equalTo(2604))
                .body("[1].bedDayUtilisationPercent", equalTo(2.34f))
                .body("[0].bedDays", equalTo(0)).body("[0].availableBedDays", equalTo(2520))
                .body("[2].bedDays", equalTo(31));
        as(BUREAU).get("/api/coverage/" + d.id() + "/trend?from=2020-11&to=2021-02&format=csv").then().statusCode(200)
                .body(containsString("2021-02,2021-02-28," + plan + ",2020,28,2352,1.19," + d.id()));
        as(BUREAU).get("/api/coverage/nowhere-" + d.id()).then().statusCode(404);
        as(BUREAU).get("/api/coverage/" + d.id() + "?date=31.12.2020").then().statusCode(400);
    }

    @Test
    void facilitiesSitInCommunitiesAndBedsFollowTheirDates() {
        District d = district();
        as(BUREAU).contentType(ContentType.JSON).body(Map.of("code", "F-" + UUID.randomUUID(), "name", "x", "kind", "INSTITUTION",
                        "areaId", d.s1(), "ownerType", "PUBLIC", "licensedCapacity", 1, "nursingStaff", 0, "openedOn", "2020-01-01"))
                .post("/api/facilities").then().statusCode(422).body("detail", containsString("community"));
        as(BUREAU).contentType(ContentType.JSON).body(Map.of("code", "F-" + UUID.randomUUID(), "name", "x", "kind", "PALACE",
                        "areaId", d.c11(), "ownerType", "PUBLIC", "licensedCapacity", 1, "nursingStaff", 0, "openedOn", "2020-01-01"))
                .post("/api/facilities").then().statusCode(400);
        as(BUREAU).contentType(ContentType.JSON).body(Map.of("residentPopulation", 100, "aged60Plus", 200, "aged80Plus", 1, "disabledElders", 1))
                .put("/api/areas/" + d.c11() + "/population/2021").then().statusCode(422);
        String f = facility(d.c11(), "INSTITUTION", null, 2, 0);
        String bed = beds(f).get(0);
        as(BUREAU).contentType(ContentType.JSON).body(Map.of("status", "DECOMMISSIONED", "effectiveOn", "2020-07-01"))
                .put("/api/beds/" + bed + "/status").then().statusCode(200).body("status", equalTo("DECOMMISSIONED"));
        admit(BUREAU, bed, elder(), null, null).then().statusCode(409).body("detail", containsString("out of service"));
        as(BUREAU).get("/api/coverage/" + d.c11() + "?date=2020-06-30").then().body("coverage.countedBeds", equalTo(2));
        as(BUREAU).get("/api/coverage/" + d.c11() + "?date=2020-07-01").then().body("coverage.countedBeds", equalTo(1));
        String other = beds(f).get(1);
        as(BUREAU).contentType(ContentType.JSON).body(Map.of("status", "SUSPENDED")).put("/api/beds/" + other + "/status").then().statusCode(200);
        admit(BUREAU, other, elder(), null, null).then().statusCode(409).body("detail", containsString("suspended"));
    }

    @Test
    void demoSeedReproducesThePublishedFigures() {
        as(BUREAU).post("/api/admin/seed").then().statusCode(200);
        // Loading again adds nothing.
        as(BUREAU).post("/api/admin/seed").then().statusCode(200).body("facilitiesAdded", equalTo(0)).body("planAdded", equalTo(false));
        // End of the previous plan: 11 institutions, 30 stations, 1,836 beds, 6.69 per 1,000 residents.
        as(BUREAU).get("/api/coverage/demo?date=2020-12-31").then().statusCode(200)
                .body("coverage.institutions", equalTo(11)).body("coverage.stations", equalTo(30))
                .body("coverage.countedBeds", equalTo(1836)).body("coverage.bedsPer1000", equalTo(6.69f))
                .body("coverage.children", hasSize(6));
        as(BUREAU).get("/api/coverage/demo?date=2025-12-31").then().statusCode(200)
                .body("plan.planCode", equalTo("demo-14th")).body("coverage.targetBedsPer1000", equalTo(7.0f))
                .body("coverage.countedBeds", equalTo(1916)).body("coverage.bedsGap", equalTo(35));
    }

    @Test
    void facilitiesImportFromCsvAllOrNothing() {
        District d = district();
        String x = UUID.randomUUID().toString().substring(0, 8);
        String header = "code,name,kind,area_id,owner_type,operator_name,operating_station_id,star_rating,licensed_capacity,nursing_staff,opened_on,closed_on,nursing_beds,general_beds\n";
        String bad = header
                + "I-" + x + ",Home,INSTITUTION," + d.c11() + ",PUBLIC,Bureau,,3,50,6,2019-01-01,,30,20\n"
                + "J-" + x + ",Wrong level,INSTITUTION," + d.s1() + ",PUBLIC,,,,10,1,2019-01-01,,1,1\n"
                + "K-" + x + ",Bad,SHOP," + d.c12() + ",PUBLIC,,,9,ten,1,2019-13-01,,1,1\n"
                + "I-" + x + ",Twice,STATION," + d.c12() + ",PRIVATE,,,,4,1,2019-01-01,,2,2\n";
        as(BUREAU).contentType("text/csv").body(bad).post("/api/facilities/import").then().statusCode(400)
                .body("context.rows.line", equalTo(List.of(3, 4, 5)))
                .body("context.rows[1].reason", containsString("SHOP"))
                .body("context.rows[1].reason", containsString("licensed_capacity"));
        as(BUREAU).get("/api/facilities?areaId=" + d.c11()).then().statusCode(200).body("$", hasSize(0));
        String good = header
                + "I-" + x + ",Home,INSTITUTION," + d.c11() + ",PUBLIC,Bureau,,3,50,6,2019-01-01,,30,20\n"
                + "S-" + x + ",Station,station," + d.c12() + ",public_built_private_run,Op,st-" + x + ",2,4,2,2019-01-01,,2,2\n";
        as(BUREAU).contentType("text/csv").body(good).post("/api/facilities/import").then().statusCode(200)
                .body("facilities", equalTo(2)).body("beds", equalTo(54));
        as(BUREAU).get("/api/coverage/" + d.s1() + "?date=2020-01-01").then().statusCode(200)
                .body("coverage.countedBeds", equalTo(54)).body("coverage.nursingBeds", equalTo(32));
        // A facility cannot close while someone still stays in it.
        String f = as(BUREAU).get("/api/facilities?areaId=" + d.c12()).then().extract().path("[0].id");
        admit(BUREAU, beds(f).get(0), elder(), null, null).then().statusCode(201);
        as(BUREAU).contentType(ContentType.JSON).body(Map.of("code", "S-" + x, "name", "Station", "kind", "STATION", "areaId", d.c12(),
                        "ownerType", "PUBLIC", "licensedCapacity", 4, "nursingStaff", 2, "openedOn", "2019-01-01", "closedOn", "2020-01-01"))
                .put("/api/facilities/" + f).then().statusCode(409).body("detail", containsString("discharge them"));
    }

    @Test
    void operationsEndpointsAnswer() {
        given().get("/q/health").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/facilities/{facilityId}/bed-days"));
    }
}
