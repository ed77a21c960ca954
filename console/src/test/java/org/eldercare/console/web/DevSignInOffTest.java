package org.eldercare.console.web;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** With the development sign-in off, as in production, no demo token can be had. */
@QuarkusTest
@TestProfile(DevSignInOffTest.Off.class)
class DevSignInOffTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("console.dev-sign-in", "false");
        }
    }

    @Test
    void theDemoSignInIsGone() {
        given().formParam("role", "bureau").post("/signin/dev").then().statusCode(404);
        given().get("/signin").then().statusCode(200).body(not(containsString("sign-in-bureau")));
    }
}
