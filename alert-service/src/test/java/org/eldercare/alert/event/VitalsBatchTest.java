package org.eldercare.alert.event;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eldercare.alert.AlertServiceTestClient;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.contracts.PlatformEvent;
import org.eldercare.contracts.PlatformEventType;
import org.eldercare.contracts.Topics;
import org.eldercare.contracts.VitalsBatch;
import org.eldercare.devtokens.DevTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.eldercare.alert.AlertServiceTestClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The gateway publishes the VITALS of a stored telemetry batch as one {@link VitalsBatch}: each
 * element must have the effect it would have had alone (sustained SpO2 out of bounds opens an alert,
 * a normal reading ends an excursion), and what is not a VITALS event in a batch has none.
 */
@QuarkusTest
class VitalsBatchTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String BUREAU = DevTokens.mint("bureau-1", "bureau");
    private static AlertServiceTestClient broker;

    @Inject
    Pool pool;
    @Inject
    Consumers consumers;

    @BeforeAll
    static void connect() throws Exception {
        broker = AlertServiceTestClient.connect("alert-test-vitals-" + RUN);
    }

    @AfterAll
    static void disconnect() throws Exception {
        broker.close();
    }

    private long count(String sql, Object... params) {
        return AlertServiceTestClient.count(pool, sql, params);
    }

    private String circle(String name) {
        String elder = "E-" + name + "-" + RUN;
        broker.enrol(pool, new CareCircle(elder, 1, true, "Elder " + name, "Road 1",
                new GeoPoint(39.9071, 116.2105, null), "110107001001", "ST-" + RUN, "HIGH", List.of("LIVING_ALONE"),
                new CareCircle.CheckInPolicy(false, "10:00"), null, new CareCircle.VitalThresholds(50, 120, 90),
                List.of(new CareCircle.FamilyContact("U-" + name + "-" + RUN, "Son", "SON", "138", 1, List.of("APP"))),
                List.of(), new CareCircle.StationOnDuty("ST-" + RUN, "Station", List.of(), "010")));
        return elder;
    }

    private static PlatformEvent vitals(String elder, String msgId, long ts, int spo2) {
        return new PlatformEvent("w-" + elder + ":" + msgId, PlatformEventType.VITALS, elder, "w-" + elder, null, msgId, ts,
                ts + 50, null, null, 72, spo2, 0, 80, true, null, null, null, null, null);
    }

    private static List<Map<String, Object>> openAlerts(String elder) {
        return given().auth().oauth2(BUREAU).queryParam("elderId", elder).queryParam("open", true)
                .get("/api/alerts").then().statusCode(200).extract().jsonPath().getList("$");
    }

    @Test
    void eachEventOfABatchCountsAsIfItHadComeAlone() {
        AlertServiceTestClient.awaitConnected(consumers, false, true);
        String low = circle("low");
        String recovered = circle("recovered");
        // Readings from now on: the sustain timer (due at t0 + 1 s) cannot fire before the whole batch is handled.
        long t0 = System.currentTimeMillis();
        PlatformEvent sos = PlatformEvent.fromDevice(PlatformEventType.SOS, "w-" + low, low, "sos-in-batch", t0, t0, null, null);
        // Sustain is 1 s in tests: "low" stays below 90 % for 1.5 s; "recovered" is back to normal after 0.6 s.
        VitalsBatch batch = new VitalsBatch(List.of(
                vitals(low, "a", t0, 85), vitals(recovered, "a", t0, 86),
                vitals(low, "b", t0 + 600, 86), vitals(recovered, "b", t0 + 600, 97),
                sos,
                vitals(low, "c", t0 + 1500, 84), vitals(recovered, "c", t0 + 1500, 96)));
        broker.publish(Topics.vitals("test-" + RUN), batch);

        await("sustained low SpO2 alerted", () -> openAlerts(low).stream().anyMatch(a -> "VITALS_SPO2_LOW".equals(a.get("kind"))));
        await("excursion of the recovered elder ended",
                () -> count("select count(*) from vital_excursions where elder_id = $1", recovered) == 0
                        && count("select count(*) from vital_excursions where elder_id = $1", low) == 1);
        assertEquals(List.of("VITALS_SPO2_LOW"), openAlerts(low).stream().map(a -> a.get("kind")).toList(),
                "the SOS inside a vitals batch is not an alarm: alarms travel alone");
        assertEquals(List.of(), openAlerts(recovered));

        // An unreadable batch is kept aside and the stream goes on.
        broker.publishBytes(Topics.vitals("test-" + RUN), ("{\"events\": [not json " + RUN).getBytes(StandardCharsets.UTF_8));
        await("bad batch kept", () -> count("select count(*) from rejected_messages where payload like $1", "%" + RUN + "%") == 1);
        String later = circle("later");
        broker.publish(Topics.vitals("test-" + RUN), new VitalsBatch(List.of(vitals(later, "a", t0, 80))));
        await("later batch handled", () -> count("select count(*) from vital_excursions where elder_id = $1", later) == 1);
    }

    @Test
    void aLateReadingDoesNotEndANewerExcursionAndAnEndedOneCanComeBack() {
        AlertServiceTestClient.awaitConnected(consumers, false, true);
        String elder = circle("late");
        String topic = Topics.vitals("test-" + RUN);
        long t0 = System.currentTimeMillis();
        java.util.function.LongSupplier excursions = () -> count("select count(*) from vital_excursions where elder_id = $1", elder);

        broker.publish(topic, new VitalsBatch(List.of(vitals(elder, "a", t0, 97))));
        broker.publish(topic, new VitalsBatch(List.of(vitals(elder, "c", t0 + 600, 85))));
        await("excursion begun", () -> excursions.getAsLong() == 1);
        // A normal reading taken before the excursion began, handled after it: the excursion and its
        // sustain timer stand, so it still becomes an alert.
        broker.publish(topic, new VitalsBatch(List.of(vitals(elder, "b", t0 + 300, 97))));
        await("sustained low SpO2 alerted despite the late normal reading",
                () -> openAlerts(elder).stream().anyMatch(a -> "VITALS_SPO2_LOW".equals(a.get("kind"))));

        broker.publish(topic, new VitalsBatch(List.of(vitals(elder, "d", t0 + 2000, 97))));
        await("excursion ended", () -> excursions.getAsLong() == 0);
        // Out of bounds again, then normal again: the second excursion begins and ends like the first.
        broker.publish(topic, new VitalsBatch(List.of(vitals(elder, "e", t0 + 3000, 84))));
        await("excursion begun again", () -> excursions.getAsLong() == 1);
        broker.publish(topic, new VitalsBatch(List.of(vitals(elder, "f", t0 + 3200, 96), vitals(elder, "g", t0 + 3400, 97))));
        await("second excursion ended", () -> excursions.getAsLong() == 0
                && count("select count(*) from timers where kind = 'VITALS_SUSTAINED' and timer_key like $1", elder + ":%") == 0);
    }
}
