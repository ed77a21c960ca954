package org.eldercare.console.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Who gets which page, without any service running: the console decides sign-in and refusal
 * before it calls a service.
 */
@QuarkusTest
class RolePagesTest {

    @BeforeEach
    void noRedirects() {
        RestAssured.config = RestAssured.config().redirect(RedirectConfig.redirectConfig().followRedirects(false));
    }

    private static String signIn(String role, String station) {
        RequestSpecification r = given().formParam("role", role);
        if (station != null) {
            r = r.formParam("station", station);
        }
        return r.post("/signin/dev").then().statusCode(303)
                .cookie("console_session", notNullValue())
                .extract().cookie("console_session");
    }

    @Test
    void nobodySignedInIsSentToSignIn() {
        for (String page : new String[]{"/bureau/alerts", "/station", "/devices", "/bureau/statements/x"}) {
            given().get(page).then().statusCode(303).header("Location", endsWith("/signin"));
        }
    }

    @Test
    void eachRoleLandsOnItsHome() {
        given().formParam("role", "bureau").post("/signin/dev").then().statusCode(303).header("Location", endsWith("/bureau/alerts"));
        given().formParam("role", "device-admin").post("/signin/dev").then().statusCode(303).header("Location", endsWith("/devices"));
        given().formParam("role", "operator").formParam("station", "ST-1").post("/signin/dev").then().statusCode(303)
                .header("Location", endsWith("/station"));
    }

    @Test
    void anotherRolesPagesAreRefusedWith403() {
        String admin = signIn("device-admin", null);
        given().cookie("console_session", admin).get("/bureau/alerts").then().statusCode(403)
                .body(containsString("id=\"forbidden\""));
        given().cookie("console_session", admin).get("/bureau/alerts/stream").then().statusCode(403);
        given().cookie("console_session", admin).get("/station/statements").then().statusCode(403);
        String operator = signIn("operator", "ST-1");
        given().cookie("console_session", operator).get("/devices/provision").then().statusCode(403);
        given().cookie("console_session", operator).post("/bureau/statements/x/approve").then().statusCode(403);
        String bureau = signIn("bureau", null);
        given().cookie("console_session", bureau).get("/station").then().statusCode(403);
    }

    @Test
    void aChangedOrForeignCookieIsNoSession() {
        String bureau = signIn("bureau", null);
        String changed = bureau.substring(0, bureau.length() - 2) + (bureau.endsWith("A") ? "BB" : "AA");
        given().cookie("console_session", changed).get("/bureau/alerts").then().statusCode(303).header("Location", endsWith("/signin"));
        given().cookie("console_session", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4IiwiZ3JvdXBzIjpbImJ1cmVhdSJdfQ.x")
                .get("/bureau/alerts").then().statusCode(303).header("Location", endsWith("/signin"));
    }

    @Test
    void anOperatorNeedsAStation() {
        given().formParam("role", "operator").post("/signin/dev").then().statusCode(404);
        given().formParam("role", "service").post("/signin/dev").then().statusCode(404);
    }

    @Test
    void labelsAreChineseUnlessEnglishIsChosen() {
        given().get("/signin").then().statusCode(200).body(containsString("登录"), not(containsString("Sign in as")));
        given().get("/lang/en?back=/signin").then().statusCode(303).cookie("console_lang", "en").header("Location", endsWith("/signin"));
        given().cookie("console_lang", "en").get("/signin").then().statusCode(200).body(containsString("Sign in as"));
        given().get("/lang/en?back=//elsewhere.example").then().statusCode(303).header("Location", not(containsString("elsewhere")));
    }
}
