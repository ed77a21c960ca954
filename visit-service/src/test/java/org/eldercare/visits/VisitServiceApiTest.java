package org.eldercare.visits;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eldercare.contracts.PlatformEventType;
import org.eldercare.contracts.Topics;
import org.eldercare.devtokens.DevTokens;
import org.eldercare.visits.elder.NationalId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole REST API against the real PostgreSQL and broker: one application start for all tests.
 * Each test builds its own station, visitors and elder with random ids, so leftovers of earlier
 * runs never matter. Published messages are watched by a Paho client as the platform account.
 */
@QuarkusTest
class VisitServiceApiTest {

    static final double HOME_LAT = 39.9071;
    static final double HOME_LON = 116.2105;
    static final ConcurrentLinkedQueue<String[]> MESSAGES = new ConcurrentLinkedQueue<>();
    static MqttClient observer;

    String run;
    String station;
    String bureau = DevTokens.mint("bureau-1", "bureau");
    String service = DevTokens.mint("alert-service", "service");
    String operator;
    String otherOperator;
    String visitor1;
    String visitor2;
    String v1Token;
    String v2Token;
    String family;
    String familyToken;
    String elderId;
    String elderNid;
    LocalDate elderBirth;
    long elderVersion;

    @BeforeAll
    static void observe() throws Exception {
        observer = new MqttClient("tcp://127.0.0.1:1884", "visit-test-observer-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMaxInflight(1000); // Paho returns from a publish before it counts the PUBACK; a small window overflows under load
        o.setUserName("platform");
        o.setPassword("platform-dev-secret".toCharArray());
        o.setCleanSession(true);
        observer.connect(o);
        observer.subscribe(Topics.INTERNAL + "#", 1,
                (topic, m) -> MESSAGES.add(new String[]{topic, new String(m.getPayload(), StandardCharsets.UTF_8)}));
    }

    @AfterAll
    static void stop() throws Exception {
        observer.disconnect();
        observer.close();
    }

    @BeforeEach
    void fixture() {
        run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        station = "ST-" + run;
        operator = DevTokens.operator("op-" + run, station);
        otherOperator = DevTokens.operator("op-x-" + run, "ST-other-" + run);
        as(bureau).body(map("name", "八角社区养老服务驿站 " + run, "areaCode", "110107001",
                        "dutyUserIds", List.of("op-" + run), "dutyPhone", "010-88880000"))
                .put("/api/stations/" + station).then().statusCode(200);
        visitor1 = createVisitor("张敏");
        visitor2 = createVisitor("刘洋");
        v1Token = DevTokens.mint(visitor1, "visitor");
        v2Token = DevTokens.mint(visitor2, "visitor");
        family = "fam-" + run;
        familyToken = DevTokens.mint(family, "family");
        elderBirth = LocalDate.of(1930, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(9000));
        elderNid = nationalId(elderBirth);
        Response created = as(operator).body(elder(elderNid, elderBirth, List.of("LIVING_ALONE")))
                .post("/api/elders");
        created.then().statusCode(201);
        elderId = created.path("id");
        elderVersion = ((Number) as(operator).body(map("version", created.path("version"), "contacts", List.of(
                        map("userId", family, "name", "李强", "relation", "SON", "phone", "13800000001", "priority", 1,
                                "channels", List.of("APP", "SMS")))))
                .put("/api/elders/" + elderId + "/family").then().statusCode(200).extract().path("version")).longValue();
        elderVersion = ((Number) as(operator).body(map("version", elderVersion, "visitorIds", List.of(visitor1)))
                .put("/api/elders/" + elderId + "/visitors").then().statusCode(200).extract().path("version")).longValue();
    }

    // ---------------------------------------------------------------- elders and care circles

    @Test
    void registeringAnElderProtectsTheNationalIdAndPublishesTheCircle() {
        LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(9000));
        String nid = nationalId(birth);
        Response r = as(bureau).body(elder(nid, birth, List.of("EMPTY_NEST"))).post("/api/elders");
        r.then().statusCode(201)
                .header("Location", containsString("/api/elders/E"))
                .body("nationalIdMasked", equalTo(nid.substring(0, 6) + "********" + nid.substring(14)))
                .body("checkInPolicy.enabled", is(false))
                .body("safeZone.radiusMeters", is(1000))
                .body("safeZone.center.lat", is((float) HOME_LAT))
                .body("vitalThresholds.hrMax", is(130))
                .body("version", is(1));
        assertTrue(!r.asString().contains(nid), "the full national ID never leaves the service");

        as(bureau).body(elder(nid, birth, List.of("EMPTY_NEST"))).post("/api/elders")
                .then().statusCode(409).contentType("application/problem+json").body("context.elderId", equalTo(r.path("id")));

        // the fixture's elder: living alone, so daily check-in by 10:00; the circle carries family, visitor and station
        as(service).get("/api/care-circles/" + elderId).then().statusCode(200)
                .body("elderId", equalTo(elderId))
                .body("version", is((int) elderVersion))
                .body("active", is(true))
                .body("checkInPolicy.enabled", is(true))
                .body("checkInPolicy.deadline", equalTo("10:00"))
                .body("family[0].userId", equalTo(family))
                .body("family[0].channels", contains("APP", "SMS"))
                .body("visitors[0].visitorId", equalTo(visitor1))
                .body("station.stationId", equalTo(station))
                .body("station.dutyUserIds", contains("op-" + run))
                .body("station.dutyPhone", equalTo("010-88880000"));
        String published = awaitMessage(Topics.careCircle(elderId), "\"version\":" + elderVersion);
        assertTrue(published.contains("\"visitorId\":\"" + visitor1 + "\""), published);

        as(operator).get("/api/elders/" + elderId + "/circle-history").then().statusCode(200)
                .body("size()", is((int) elderVersion))
                .body("[0].summary", equalTo("registered"))
                .body("[2].snapshot.visitors[0].visitorId", equalTo(visitor1));
    }

    @Test
    void overridesAndStaleUpdates() {
        Map<String, Object> body = elderOf(elderId);
        body.put("checkIn", map("enabled", true, "deadline", "08:30"));
        body.put("safeZone", map("enabled", true, "radiusMeters", 500));
        body.put("vitals", map("hrMin", 38));
        body.put("version", elderVersion);
        as(operator).body(body).put("/api/elders/" + elderId).then().statusCode(200)
                .body("checkInPolicy.deadline", equalTo("08:30"))
                .body("safeZone.enabled", is(true))
                .body("safeZone.radiusMeters", is(500))
                .body("vitalThresholds.hrMin", is(38))
                .body("vitalThresholds.hrMax", is(130))
                .body("version", is((int) elderVersion + 1));
        // the same edit again, on the version read before: refused, not overwritten
        as(operator).body(body).put("/api/elders/" + elderId).then().statusCode(409)
                .contentType("application/problem+json").body("context.currentVersion", is((int) elderVersion + 1));
        awaitMessage(Topics.careCircle(elderId), "\"deadline\":\"08:30\"");

        // leaving the programme keeps the circle, inactive
        body.put("active", false);
        body.put("version", elderVersion + 1);
        as(bureau).body(body).put("/api/elders/" + elderId).then().statusCode(200).body("active", is(false));
        List<Map<String, Object>> all = new ArrayList<>();
        String after = "";
        while (true) {
            List<Map<String, Object>> page = as(service).queryParam("after", after).queryParam("limit", 2000)
                    .get("/api/care-circles").then().statusCode(200).extract().path("");
            all.addAll(page);
            if (page.size() < 2000) {
                break;
            }
            after = (String) page.get(page.size() - 1).get("elderId");
        }
        Optional<Map<String, Object>> mine = all.stream().filter(c -> elderId.equals(c.get("elderId"))).findFirst();
        assertTrue(mine.isPresent());
        assertEquals(false, mine.get().get("active"));
    }

    @Test
    void validationErrorsAreProblems() {
        Map<String, Object> bad = elder("110105194912310021", LocalDate.of(1949, 12, 31), List.of("LIVING_ALONE"));
        as(bureau).body(bad).post("/api/elders").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("check character"));
        String nid = nationalId(LocalDate.of(1945, 5, 5));
        as(bureau).body(elder(nid, LocalDate.of(1945, 5, 6), List.of())).post("/api/elders").then().statusCode(400)
                .body("detail", containsString("birthDate"));
        Map<String, Object> missing = elder(nid, LocalDate.of(1945, 5, 5), List.of("NOT_A_CATEGORY"));
        as(bureau).body(missing).post("/api/elders").then().statusCode(400).contentType("application/problem+json");
        Map<String, Object> noName = elder(nid, LocalDate.of(1945, 5, 5), List.of());
        noName.remove("name");
        noName.put("home", map("lat", 95.0, "lon", 116.0));
        as(bureau).body(noName).post("/api/elders").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("home.lat"));
        as(bureau).body("{not json").post("/api/elders").then().statusCode(400).contentType("application/problem+json");
        Map<String, Object> noStation = elder(nid, LocalDate.of(1945, 5, 5), List.of());
        noStation.put("stationId", "ST-missing-" + run);
        as(bureau).body(noStation).post("/api/elders").then().statusCode(422).contentType("application/problem+json");
        as(operator).body(map("version", elderVersion, "contacts", List.of(map("name", "无应用", "relation", "DAUGHTER",
                "phone", "13800000002", "priority", 1, "channels", List.of("APP"))))).put("/api/elders/" + elderId + "/family")
                .then().statusCode(422);
        as(operator).body(map("version", elderVersion, "visitorIds", List.of("V-nobody"))).put("/api/elders/" + elderId + "/visitors")
                .then().statusCode(422).body("detail", containsString("V-nobody"));
        as(v1Token).body(start(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "IN_PERSON", Instant.now(), null))
                .post("/api/visits").then().statusCode(400).body("detail", containsString("position"));
        as(v1Token).body(start("not-a-uuid", UUID.randomUUID().toString(), "IN_PERSON", Instant.now(), HOME_LAT))
                .post("/api/visits").then().statusCode(400).body("errors.field", hasItem("clientId"));
        as(v1Token).body(start(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "IN_PERSON",
                Instant.now().plus(1, ChronoUnit.HOURS), HOME_LAT)).post("/api/visits").then().statusCode(400)
                .body("detail", containsString("future"));
        as(bureau).queryParam("month", "2026-13").queryParam("groupBy", "visitor").get("/api/statistics/visits")
                .then().statusCode(400).contentType("application/problem+json");
        as(service).body(map("elderId", elderId, "visitorId", visitor2, "alertId", "A-" + run,
                "until", Instant.now().minusSeconds(60).toString())).post("/api/dispatch-grants").then().statusCode(400);
    }

    // ---------------------------------------------------------------- role boundaries

    @Test
    void eachRoleSeesOnlyItsElders() {
        as(bureau).get("/api/elders/" + elderId).then().statusCode(200);
        as(operator).get("/api/elders/" + elderId).then().statusCode(200);
        as(v1Token).get("/api/elders/" + elderId).then().statusCode(200).body("nationalIdMasked", containsString("********"));
        as(familyToken).get("/api/elders/" + elderId).then().statusCode(200);
        as(service).get("/api/elders/" + elderId).then().statusCode(200);

        as(otherOperator).get("/api/elders/" + elderId).then().statusCode(403).contentType("application/problem+json");
        as(v2Token).get("/api/elders/" + elderId).then().statusCode(403);
        as(DevTokens.mint("fam-other-" + run, "family")).get("/api/elders/" + elderId).then().statusCode(403);
        given().get("/api/elders/" + elderId).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + DevTokens.expired(visitor1, "visitor")).get("/api/elders/" + elderId)
                .then().statusCode(401);

        // lists are cut to what each may see
        as(v1Token).get("/api/elders").then().statusCode(200).body("id", contains(elderId));
        as(v2Token).get("/api/elders").then().statusCode(200).body("id", not(hasItem(elderId)));
        as(familyToken).get("/api/elders").then().statusCode(200).body("id", contains(elderId));
        as(otherOperator).get("/api/elders").then().statusCode(200).body("id", not(hasItem(elderId)));
        as(operator).get("/api/elders").then().statusCode(200).body("id", contains(elderId)).body("stationId", everyItem(equalTo(station)));

        // writes across the line
        Map<String, Object> body = elderOf(elderId);
        body.put("version", elderVersion);
        as(otherOperator).body(body).put("/api/elders/" + elderId).then().statusCode(403);
        as(v1Token).body(body).put("/api/elders/" + elderId).then().statusCode(403);
        as(familyToken).body(body).put("/api/elders/" + elderId).then().statusCode(403);
        Map<String, Object> moved = new LinkedHashMap<>(body);
        moved.put("stationId", "ST-other-" + run);
        as(operator).body(moved).put("/api/elders/" + elderId).then().statusCode(403);
        as(otherOperator).body(map("version", elderVersion, "visitorIds", List.of(visitor2)))
                .put("/api/elders/" + elderId + "/visitors").then().statusCode(403);
        as(otherOperator).body(elder(nationalId(LocalDate.of(1950, 1, 1)), LocalDate.of(1950, 1, 1), List.of()))
                .post("/api/elders").then().statusCode(403);
        as(otherOperator).get("/api/elders/" + elderId + "/circle-history").then().statusCode(403);
        as(familyToken).body(start(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "PHONE", Instant.now(), null))
                .post("/api/visits").then().statusCode(403);
        as(v2Token).body(start(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "PHONE", Instant.now(), null))
                .post("/api/visits").then().statusCode(403);

        // snapshots and grants are for the alert service
        as(v1Token).get("/api/care-circles/" + elderId).then().statusCode(403);
        as(operator).get("/api/care-circles").then().statusCode(403);
        as(familyToken).get("/api/visitors/profiles").then().statusCode(403);
        as(bureau).get("/api/care-circles/" + elderId).then().statusCode(200);
        as(v1Token).body(map("elderId", elderId, "visitorId", visitor2, "alertId", "A-" + run,
                "until", Instant.now().plusSeconds(3600).toString())).post("/api/dispatch-grants").then().statusCode(403);
        as(v1Token).get("/api/visitors/" + visitor2).then().statusCode(403);
        as(v1Token).get("/api/visitors/" + visitor1).then().statusCode(200).body("schedule[0].day", equalTo("MONDAY"));
        as(otherOperator).get("/api/statistics/visits?month=2026-12&groupBy=visitor").then().statusCode(200)
                .body("key", not(hasItem(visitor1)));
        as(v1Token).get("/api/statistics/visits?month=2026-12&groupBy=visitor").then().statusCode(403);
        as(v2Token).get("/api/visit-plans/visitors/" + visitor1 + "?month=2026-12").then().statusCode(403);
    }

    @Test
    void aDispatchGrantLetsAnotherVisitorInUntilItEnds() {
        as(v2Token).get("/api/elders/" + elderId).then().statusCode(403);
        Map<String, Object> grant = map("elderId", elderId, "visitorId", visitor2, "alertId", "A-" + run,
                "until", Instant.now().plusSeconds(3600).toString());
        as(service).body(grant).post("/api/dispatch-grants").then().statusCode(201).body("alertId", equalTo("A-" + run));
        as(service).body(grant).post("/api/dispatch-grants").then().statusCode(200);
        as(v2Token).get("/api/elders/" + elderId).then().statusCode(200);
        as(v2Token).get("/api/mobile/today").then().statusCode(200)
                .body("find { it.elderId == '" + elderId + "' }.reason", equalTo("DISPATCHED"))
                .body("find { it.elderId == '" + elderId + "' }.alertId", equalTo("A-" + run));
        String visitId = UUID.randomUUID().toString();
        as(v2Token).body(start(UUID.randomUUID().toString(), visitId, "IN_PERSON", Instant.now(), HOME_LAT))
                .post("/api/visits").then().statusCode(201);
        as(service).body(map("elderId", elderId, "visitorId", "V-nobody", "alertId", "A-" + run,
                "until", Instant.now().plusSeconds(3600).toString())).post("/api/dispatch-grants").then().statusCode(404);
    }

    // ---------------------------------------------------------------- the mobile visit API

    @Test
    void aVisitFromStartToCheckIn() {
        as(v1Token).queryParam("lat", HOME_LAT).queryParam("lon", HOME_LON + 0.01).get("/api/mobile/today").then().statusCode(200)
                .body("find { it.elderId == '" + elderId + "' }.reason", equalTo("ASSIGNED"))
                .body("find { it.elderId == '" + elderId + "' }.phoneAllowed", is(false))
                .body("find { it.elderId == '" + elderId + "' }.distanceMeters", notNullValue());

        String visitId = UUID.randomUUID().toString();
        String startId = UUID.randomUUID().toString();
        Instant started = Instant.now().minus(2, ChronoUnit.HOURS);
        // 1.1 km away from home: accepted, flagged
        Map<String, Object> startBody = start(startId, visitId, "IN_PERSON", started, HOME_LAT + 0.01);
        Response first = as(v1Token).body(startBody).post("/api/visits");
        first.then().statusCode(201).body("farFromHome", is(true)).body("status", equalTo("STARTED")).body("version", is(1));
        Response replay = as(v1Token).body(startBody).post("/api/visits");
        replay.then().statusCode(201);
        assertEquals(first.asString(), replay.asString(), "a replay answers the stored body");
        as(v1Token).body(start(startId, visitId, "PHONE", started, null)).post("/api/visits").then().statusCode(409)
                .contentType("application/problem+json")
                .body("context.stored.request.kind", equalTo("IN_PERSON"))
                .body("context.received.request.kind", equalTo("PHONE"));
        as(v1Token).body(start(UUID.randomUUID().toString(), visitId, "IN_PERSON", started, HOME_LAT)).post("/api/visits")
                .then().statusCode(409).body("context.current.id", equalTo(visitId));

        as(v1Token).body(complete(UUID.randomUUID().toString(), Instant.now())).post("/api/visits/" + visitId + "/complete")
                .then().statusCode(422).body("detail", containsString("condition"));

        Map<String, Object> rec = record(UUID.randomUUID().toString(), 1, started.plusSeconds(600), "FAIR");
        as(v1Token).body(rec).post("/api/visits/" + visitId + "/record").then().statusCode(200)
                .body("version", is(2)).body("condition", equalTo("FAIR")).body("hazards", contains("loose stair rail"));
        // the station amends the record on the version it read, then the visitor's stale edit is refused with the current record
        as(operator).body(record(UUID.randomUUID().toString(), 2, Instant.now(), "POOR")).post("/api/visits/" + visitId + "/record")
                .then().statusCode(200).body("version", is(3));
        as(v1Token).body(record(UUID.randomUUID().toString(), 2, Instant.now(), "GOOD")).post("/api/visits/" + visitId + "/record")
                .then().statusCode(409).body("context.current.condition", equalTo("POOR")).body("context.current.version", is(3));
        as(otherOperator).body(record(UUID.randomUUID().toString(), 3, Instant.now(), "GOOD")).post("/api/visits/" + visitId + "/record")
                .then().statusCode(403);
        as(v2Token).body(complete(UUID.randomUUID().toString(), Instant.now())).post("/api/visits/" + visitId + "/complete")
                .then().statusCode(403);

        Instant done = started.plusSeconds(1800);
        String completeId = UUID.randomUUID().toString();
        as(v1Token).body(complete(completeId, done)).post("/api/visits/" + visitId + "/complete").then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("version", is(4));
        as(v1Token).body(complete(completeId, done)).post("/api/visits/" + visitId + "/complete").then().statusCode(200)
                .body("version", is(4));
        as(v1Token).body(complete(UUID.randomUUID().toString(), done)).post("/api/visits/" + visitId + "/complete")
                .then().statusCode(409);

        String event = awaitMessage(Topics.event(PlatformEventType.VISIT_COMPLETED, elderId), visitId);
        assertTrue(event.contains("\"eventId\":\"visit:" + visitId + "\""), event);
        assertTrue(event.contains("\"ts\":" + done.toEpochMilli()), event);
        assertTrue(event.contains("\"actorId\":\"" + visitor1 + "\""), event);

        as(familyToken).get("/api/visits/" + visitId).then().statusCode(200).body("condition", equalTo("POOR"));
        as(familyToken).get("/api/visits?elderId=" + elderId).then().statusCode(200).body("id", hasItem(visitId));
        as(v2Token).get("/api/visits/" + visitId).then().statusCode(403);
        as(v1Token).get("/api/visits/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");

        // the visit fulfilled this period's plan item only if it was completed in the current period
        String month = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString().substring(0, 7);
        as(operator).get("/api/statistics/visits?month=" + month + "&groupBy=visitor").then().statusCode(200)
                .body("find { it.key == '" + visitor1 + "' }.visitsCompleted", is(1))
                .body("find { it.key == '" + visitor1 + "' }.planned", is(4));
        as(operator).get("/api/statistics/visits?month=" + month + "&groupBy=community").then().statusCode(200)
                .body("key", hasItem("110107001"));
        as(v1Token).get("/api/visit-plans/visitors/" + visitor1 + "?month=" + month).then().statusCode(200)
                .body("size()", is(4)).body("elderId", everyItem(equalTo(elderId))).body("ruleVersion", everyItem(equalTo("2026-v1")));
    }

    @Test
    void anOfflineBatchIsAppliedInClientTimeOrderAndCanBeResent() {
        String visitId = UUID.randomUUID().toString();
        Instant t0 = Instant.now().minus(5, ChronoUnit.HOURS);
        String recordId = UUID.randomUUID().toString();
        String early = UUID.randomUUID().toString();
        Map<String, Object> batch = map("operations", List.of(
                map("op", "COMPLETE", "visitId", visitId, "complete", complete(UUID.randomUUID().toString(), t0.plusSeconds(1200))),
                map("op", "RECORD", "visitId", visitId, "record", record(recordId, 1, t0.plusSeconds(600), "GOOD")),
                map("op", "START", "start", start(early, visitId, "PHONE", t0, null))));
        Response first = as(v1Token).body(batch).post("/api/mobile/sync");
        first.then().statusCode(200)
                .body("results.index", contains(0, 1, 2))
                .body("results.status", contains(200, 200, 201))
                .body("results[0].visit.status", equalTo("COMPLETED"))
                .body("results[0].visit.version", is(3))
                .body("results[2].visit.kind", equalTo("PHONE"));
        // the answer was lost; the app sends the same batch again: same outcome, nothing applied twice
        Response again = as(v1Token).body(batch).post("/api/mobile/sync");
        again.then().statusCode(200).body("results.status", contains(200, 200, 201));
        assertEquals(first.path("results").toString(), again.path("results").toString());

        // an edit whose visit has not reached the server is refused (and may be retried later), without harming the rest
        String lateVisit = UUID.randomUUID().toString();
        Instant t1 = Instant.now().minus(1, ChronoUnit.HOURS);
        Map<String, Object> recordFirst = map("operations", List.of(
                map("op", "RECORD", "visitId", lateVisit, "record", record(UUID.randomUUID().toString(), 1, t1.plusSeconds(60), "GOOD"))));
        as(v1Token).body(recordFirst).post("/api/mobile/sync").then().statusCode(200)
                .body("results[0].status", is(404)).body("results[0].problem.detail", containsString("START first"));
        as(v1Token).body(map("operations", List.of(map("op", "START", "start",
                start(UUID.randomUUID().toString(), lateVisit, "IN_PERSON", t1, HOME_LAT))))).post("/api/mobile/sync")
                .then().statusCode(200).body("results[0].status", is(201)).body("results[0].visit.farFromHome", is(false));
        as(v1Token).body(recordFirst).post("/api/mobile/sync").then().statusCode(200).body("results[0].status", is(200));

        as(v1Token).body(map("operations", List.of(map("op", "RECORD", "visitId", visitId)))).post("/api/mobile/sync")
                .then().statusCode(400).contentType("application/problem+json");
        awaitMessage(Topics.event(PlatformEventType.VISIT_COMPLETED, elderId), "\"visitId\":\"" + visitId + "\"");
    }

    @Test
    void visitorProfilesAndStationChangesArePublished() {
        as(service).queryParam("limit", 2000).get("/api/visitors/profiles").then().statusCode(200);
        String after = visitor1.substring(0, visitor1.length() - 1) + (char) (visitor1.charAt(visitor1.length() - 1) - 1);
        as(service).queryParam("after", after).queryParam("limit", 1).get("/api/visitors/profiles").then().statusCode(200)
                .body("[0].visitorId", equalTo(visitor1)).body("[0].stationId", equalTo(station)).body("[0].version", is(1));
        awaitMessage(Topics.visitor(visitor1), "\"version\":1");

        Map<String, Object> update = visitorBody("张敏 (new phone)");
        update.put("phone", "13900009999");
        update.put("version", 1);
        as(operator).body(update).put("/api/visitors/" + visitor1).then().statusCode(200).body("version", is(2));
        as(operator).body(update).put("/api/visitors/" + visitor1).then().statusCode(409);
        as(otherOperator).body(update).put("/api/visitors/" + visitor1).then().statusCode(403);
        awaitMessage(Topics.visitor(visitor1), "13900009999");
        // the elder's circle carries the visitor's phone, so it moves to a new version too
        awaitMessage(Topics.careCircle(elderId), "13900009999");
        as(service).get("/api/care-circles/" + elderId).then().body("version", is((int) elderVersion + 1));

        as(operator).body(map("name", "八角驿站", "dutyUserIds", List.of("op-" + run, "op-night-" + run), "dutyPhone", "010-88880001"))
                .put("/api/stations/" + station).then().statusCode(200);
        awaitMessage(Topics.careCircle(elderId), "op-night-" + run);
        as(otherOperator).body(map("name", "x", "dutyUserIds", List.of())).put("/api/stations/" + station).then().statusCode(403);
        as(service).get("/api/stations/" + station).then().statusCode(200).body("dutyPhone", equalTo("010-88880001"));
    }

    @Test
    void plansAndOverdueVisits() {
        String month = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(1).toString().substring(0, 7);
        as(operator).post("/api/visit-plans/generate?month=" + month).then().statusCode(200)
                .body("ruleVersion", equalTo("2026-v1")).body("itemsCreated", is(4));
        as(operator).post("/api/visit-plans/generate?month=" + month).then().statusCode(200).body("itemsCreated", is(0));
        // last month's four weekly visits were never made
        as(operator).get("/api/visit-plans/overdue").then().statusCode(200)
                .body("findAll { it.elderId == '" + elderId + "' }.size()", is(4 + overdueThisMonth()))
                .body("overdue", everyItem(is(true)));
        as(v1Token).get("/api/visit-plans/overdue").then().statusCode(200).body("visitorId", everyItem(equalTo(visitor1)));
        as(otherOperator).get("/api/visit-plans/overdue").then().statusCode(200).body("elderId", not(hasItem(elderId)));
        as(bureau).get("/api/statistics/visits?month=" + month + "&groupBy=station").then().statusCode(200)
                .body("find { it.key == '" + station + "' }.planned", is(4))
                .body("find { it.key == '" + station + "' }.overdue", is(4))
                .body("find { it.key == '" + station + "' }.done", is(0));
        as(v1Token).queryParam("lat", HOME_LAT).queryParam("lon", HOME_LON).get("/api/mobile/today").then().statusCode(200)
                .body("find { it.elderId == '" + elderId + "' }.overdue", is(true));
        as(v1Token).queryParam("lat", 95).queryParam("lon", HOME_LON).get("/api/mobile/today").then().statusCode(400);
    }

    @Test
    void simultaneousRetriesOfOneWriteAllGetTheSameAnswer() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
          for (int round = 0; round < 5; round++) {
            Map<String, Object> body = start(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "PHONE", Instant.now(), null);
            List<java.util.concurrent.Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> as(v1Token).body(body).post("/api/visits")));
            }
            String first = null;
            for (java.util.concurrent.Future<Response> f : answers) {
                Response r = f.get();
                assertEquals(201, r.statusCode(), r.asString());
                first = first == null ? r.asString() : first;
                assertEquals(first, r.asString());
            }
          }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheMobileApiAndHealthIsUp() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/mobile/today'.get.summary", notNullValue())
                .body("paths.'/api/visits'.post.responses.'201'", notNullValue())
                .body("paths.'/api/visits/{visitId}/record'.post.responses.'409'", notNullValue())
                .body("paths.'/api/mobile/sync'.post", notNullValue())
                .body("paths.'/api/care-circles'.get", notNullValue())
                .body("paths.'/api/dispatch-grants'.post", notNullValue())
                .body("components.schemas.StartVisit.properties.clientId", notNullValue())
                .body("components.securitySchemes.jwt", notNullValue());
        given().get("/q/health/ready").then().statusCode(200);
    }

    // ---------------------------------------------------------------- helpers

    private int overdueThisMonth() {
        int day = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getDayOfMonth();
        return day > 21 ? 3 : day > 14 ? 2 : day > 7 ? 1 : 0;
    }

    private String createVisitor(String name) {
        return as(bureau).body(visitorBody(name)).post("/api/visitors").then().statusCode(201).extract().path("id");
    }

    private Map<String, Object> visitorBody(String name) {
        return map("name", name, "phone", "13900000003", "kind", "VOLUNTEER", "areaCode", "110107001", "stationId", station,
                "schedule", List.of(map("day", "MONDAY", "from", "08:00", "to", "12:00")));
    }

    private Map<String, Object> elderOf(String id) {
        return elder(elderNid, elderBirth, List.of("LIVING_ALONE"));
    }

    private Map<String, Object> elder(String nid, LocalDate birth, List<String> categories) {
        return map("name", "王秀兰", "nationalId", nid, "birthDate", birth.toString(), "gender", "FEMALE",
                "address", "北京市石景山区八角街道 12号院3-201", "home", map("lat", HOME_LAT, "lon", HOME_LON),
                "areaCode", "110107001", "stationId", station, "careCategories", categories, "riskLevel", "HIGH",
                "monitoringConsent", true);
    }

    private Map<String, Object> start(String clientId, String visitId, String kind, Instant at, Double lat) {
        return map("clientId", clientId, "visitId", visitId, "elderId", elderId, "kind", kind, "startedAt", at.toString(),
                "position", lat == null ? null : map("lat", lat, "lon", HOME_LON, "acc", 12.0));
    }

    private static Map<String, Object> record(String clientId, int base, Instant at, String condition) {
        return map("clientId", clientId, "baseVersion", base, "recordedAt", at.toString(), "condition", condition,
                "needs", List.of("help with shopping"), "hazards", List.of("loose stair rail"),
                "followUps", List.of("ask the community to fix the rail"), "note", "在家，精神尚可");
    }

    private static Map<String, Object> complete(String clientId, Instant at) {
        return map("clientId", clientId, "completedAt", at.toString());
    }

    /** A valid national ID for a birth date, unique enough per run. */
    static String nationalId(LocalDate birth) {
        String first17 = "110107" + birth.toString().replace("-", "")
                + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        String id = first17 + NationalId.checkCharacter(first17);
        return id;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    private RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private String awaitMessage(String topic, String containing) {
        java.util.concurrent.atomic.AtomicReference<String> found = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await("a message on " + topic + " containing " + containing)
                .atMost(java.time.Duration.ofSeconds(15)).pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> {
                    for (String[] m : MESSAGES) {
                        if (m[0].equals(topic) && m[1].contains(containing)) {
                            found.set(m[1]);
                            return true;
                        }
                    }
                    return false;
                });
        return found.get();
    }
}
