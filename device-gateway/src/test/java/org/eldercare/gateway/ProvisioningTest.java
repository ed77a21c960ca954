package org.eldercare.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eldercare.devtokens.DevTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.eldercare.gateway.GatewayTestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
class ProvisioningTest {

    @BeforeEach
    void ready() {
        awaitReady();
    }

    @Test
    void provisionedWatchConnectsWithItsSecretAndTheSecretIsNeverShownAgain() throws MqttException {
        String id = uid("w");
        Map<String, String> d = provision(id);
        MqttClient c = watch(d);
        c.disconnect();
        c.close();
        given().auth().oauth2(admin()).get("/api/devices/{id}", id).then().statusCode(200)
                .body("deviceId", equalTo(id)).body("status", equalTo("ACTIVE")).body("secret", nullValue())
                .body("serial", equalTo("SN-" + id));
    }

    @Test
    void wrongSecretIsRefusedByTheBroker() {
        Map<String, String> d = provision(uid("w"));
        MqttSecurityException e = assertThrows(MqttSecurityException.class,
                () -> connect(d.get("deviceId"), d.get("deviceId"), d.get("secret") + "x"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getReasonCode() == 4 || e.getReasonCode() == 5, "refused: " + e);
    }

    @Test
    void theBrokersHttpCallbacksAdmitOnlyTheRightSecretAndOwnTopics() {
        Map<String, String> d = provision(uid("w"));
        String id = d.get("deviceId");
        String app = uid("u");
        String appPassword = appPassword(app);
        given().contentType(ContentType.JSON).body(Map.of("clientId", id, "username", id, "password", d.get("secret")))
                .post("/api/broker/authenticate").then().statusCode(200).body("result", equalTo("allow"));
        given().contentType(ContentType.JSON).body(Map.of("clientId", id, "username", id, "password", d.get("secret") + "x"))
                .post("/api/broker/authenticate").then().statusCode(200).body("result", equalTo("deny"));
        given().contentType(ContentType.JSON).body(Map.of("clientId", "other", "username", id, "password", d.get("secret")))
                .post("/api/broker/authenticate").then().statusCode(200).body("result", equalTo("deny"));
        given().contentType(ContentType.JSON).body(Map.of("clientId", "phone", "username", app, "password", appPassword))
                .post("/api/broker/authenticate").then().statusCode(200).body("result", equalTo("allow"));
        given().contentType(ContentType.JSON).body(Map.of("clientId", "x", "username", "nobody-" + RUN, "password", "p"))
                .post("/api/broker/authenticate").then().statusCode(200).body("result", equalTo("deny"));
        given().contentType(ContentType.JSON).body(Map.of("clientId", id, "username", id,
                        "topic", "eldercare/v1/devices/" + id + "/events", "action", "publish"))
                .post("/api/broker/authorize").then().statusCode(200).body("result", equalTo("allow"));
        given().contentType(ContentType.JSON).body(Map.of("clientId", id, "username", id,
                        "topic", "eldercare/v1/devices/someone-else/events", "action", "publish"))
                .post("/api/broker/authorize").then().statusCode(200).body("result", equalTo("deny"));
        given().contentType(ContentType.JSON).body(Map.of("clientId", "phone", "username", app,
                        "topic", "eldercare/v1/users/" + app + "/notifications", "action", "subscribe"))
                .post("/api/broker/authorize").then().statusCode(200).body("result", equalTo("allow"));
    }

    @Test
    void generatedIdAndConflictingSerial() {
        String serial = "SN-" + uid("s");
        String id = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("model", "EC-W2", "firmware", "2.4.1", "serial", serial, "imei", "860000000000001"))
                .post("/api/devices").then().statusCode(201).header("Location", containsString("/api/devices/"))
                .body("secret", not(emptyOrNullString())).extract().path("deviceId");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("model", "EC-W2", "firmware", "2.4.1", "serial", serial))
                .post("/api/devices").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("deviceId", id, "model", "EC-W2", "firmware", "2.4.1", "serial", serial + "-b"))
                .post("/api/devices").then().statusCode(409);
    }

    @Test
    void badRequestsAreProblemsNotServerErrors() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("deviceId", "bad id!", "model", "m", "firmware", "f", "serial", "s"))
                .post("/api/devices").then().statusCode(400);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("firmware", "f"))
                .post("/api/devices").then().statusCode(400);
        given().auth().oauth2(admin()).get("/api/devices/{id}", "nope-" + RUN).then().statusCode(404);
        given().auth().oauth2(admin()).get("/api/devices?size=0").then().statusCode(400);
    }

    @Test
    void onlyDeviceAdminsAndBureauManageDevices() {
        given().contentType(ContentType.JSON).body(Map.of("model", "m", "firmware", "f", "serial", "s"))
                .post("/api/devices").then().statusCode(401);
        given().auth().oauth2(DevTokens.mint("v-1", "visitor")).contentType(ContentType.JSON)
                .body(Map.of("model", "m", "firmware", "f", "serial", uid("s"))).post("/api/devices").then().statusCode(403);
        given().auth().oauth2(DevTokens.mint("svc", "service")).contentType(ContentType.JSON)
                .body(Map.of("model", "m", "firmware", "f", "serial", uid("s"))).post("/api/devices").then().statusCode(403);
        String id = provision(uid("w")).get("deviceId");
        given().auth().oauth2(DevTokens.mint("svc", "service")).get("/api/devices/{id}", id).then().statusCode(200);
        given().auth().oauth2(DevTokens.mint("b", "bureau")).contentType(ContentType.JSON)
                .body(Map.of("model", "m", "firmware", "f", "serial", uid("s"))).post("/api/devices").then().statusCode(201);
    }

    @Test
    void bindingHistoryIsKeptWhenAnElderChangesWatches() {
        String elder = uid("e");
        String first = provision(uid("w")).get("deviceId");
        String second = provision(uid("w")).get("deviceId");
        bind(first, elder);
        bind(first, elder); // idempotent
        given().auth().oauth2(admin()).get("/api/devices?elderId={e}", elder).then().statusCode(200)
                .body("items.deviceId", contains(first));
        given().auth().oauth2(admin()).delete("/api/devices/{id}/binding", first).then().statusCode(204);
        bind(second, elder);
        bind(first, uid("e"));
        given().auth().oauth2(admin()).get("/api/devices?elderId={e}", elder).then()
                .body("items.deviceId", contains(second));
        given().auth().oauth2(admin()).get("/api/devices/{id}/bindings", first).then().statusCode(200)
                .body("size()", is(2)).body("[1].elderId", equalTo(elder)).body("[1].unboundAt", notNullValue())
                .body("[0].unboundAt", nullValue());
        given().auth().oauth2(admin()).get("/api/elders/{e}/devices/state", elder).then().statusCode(200)
                .body("deviceId", contains(second));
    }

    @Test
    void rotationReplacesTheSecretAtOnce() throws MqttException {
        Map<String, String> d = provision(uid("w"));
        String id = d.get("deviceId");
        String fresh = given().auth().oauth2(admin()).post("/api/devices/{id}/secret", id).then().statusCode(200)
                .body("deviceId", equalTo(id)).extract().path("secret");
        assertThrows(MqttSecurityException.class, () -> watch(d));
        MqttClient c = connect(id, id, fresh);
        c.disconnect();
        c.close();
    }

    @Test
    void retiredWatchCannotConnectNorBeBound() {
        Map<String, String> d = provision(uid("w"));
        String id = d.get("deviceId");
        bind(id, uid("e"));
        given().auth().oauth2(admin()).post("/api/devices/{id}/retire", id).then().statusCode(200)
                .body("status", equalTo("RETIRED")).body("elderId", nullValue());
        assertThrows(MqttSecurityException.class, () -> watch(d));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("elderId", "e-1"))
                .put("/api/devices/{id}/binding", id).then().statusCode(409);
        given().auth().oauth2(admin()).post("/api/devices/{id}/secret", id).then().statusCode(409);
    }

    @Test
    void csvImportCreatesAllOrNone() throws MqttException {
        String a = uid("w"), b = uid("w");
        String good = "deviceId,model,firmware,serial,imei\n" + a + ",EC-W2,2.4.1,SN-" + a + ",860000000000002\n"
                + b + ",EC-W2,2.4.1,SN-" + b + ",\n";
        List<Map<String, String>> created = given().auth().oauth2(admin()).contentType("text/csv").body(good)
                .post("/api/devices/import").then().statusCode(201).body("created.size()", is(2))
                .extract().path("created");
        MqttClient c = connect(a, a, created.get(0).get("secret"));
        c.disconnect();
        c.close();
        String c1 = uid("w");
        String bad = "deviceId,model,firmware,serial\n" + c1 + ",EC-W2,2.4.1,SN-" + c1 + "\n,EC-W2,,SN-x\nbad id,m,f,s\n";
        given().auth().oauth2(admin()).contentType("text/csv").body(bad).post("/api/devices/import").then()
                .statusCode(422).body("errors.line", contains(3, 4));
        given().auth().oauth2(admin()).get("/api/devices/{id}", c1).then().statusCode(404);
        // A serial that exists already fails the whole import
        String d1 = uid("w");
        given().auth().oauth2(admin()).contentType("text/csv")
                .body("model,firmware,serial\nEC-W2,2.4.1,SN-" + d1 + "\nEC-W2,2.4.1,SN-" + a + "\n")
                .post("/api/devices/import").then().statusCode(409);
    }

    @Test
    void appCredentialsAreIssuedOnceAndReissueRevokesTheOld() throws MqttException {
        String user = uid("v");
        String first = appPassword(user);
        MqttClient c = connect("app-" + user, user, first);
        c.disconnect();
        c.close();
        String second = appPassword(user);
        assertThrows(MqttSecurityException.class, () -> connect("app2-" + user, user, first));
        connect("app3-" + user, user, second).disconnectForcibly(1000);
        given().auth().oauth2(DevTokens.mint("f", "family")).post("/api/app-credentials/{u}", user).then().statusCode(403);
        given().auth().oauth2(DevTokens.mint("svc", "service")).post("/api/app-credentials/{u}", uid("f"))
                .then().statusCode(201).body("password", not(emptyOrNullString()));
        given().auth().oauth2(admin()).delete("/api/app-credentials/{u}", user).then().statusCode(204);
        assertThrows(MqttSecurityException.class, () -> connect("app4-" + user, user, second));
    }
}
