package org.eldercare.console.browser;

import org.eldercare.contracts.Topics;
import org.eldercare.devtokens.DevTokens;
import org.eldercare.simulators.api.PlatformApi;
import org.eldercare.simulators.device.SimulatedWatch;
import org.eldercare.simulators.district.DistrictLoader;
import org.eldercare.simulators.district.DistrictPlan;
import org.eldercare.simulators.e2e.ServiceProcess;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real browser against the real platform: every service and the console run as
 * processes from their jars (test database, real broker); Chromium signs in as each role, sees the
 * alert board change when a watch presses SOS over MQTT, serves a meal at the counter, submits a
 * statement that the bureau approves, and is refused another role's page.
 * <p>
 * With {@code -Dbrowser.screenshots=<dir>} it saves a PNG of each main page there
 * (docs/console.md shows them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String BROKER = "tcp://" + env("MQTT_HOST", "127.0.0.1") + ":" + env("MQTT_PORT", "1884");
    private static final String RUN = "console" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int GATEWAY = 28081;
    private static final int ALERTS = 28082;
    private static final int VISITS = 28083;
    private static final int BEDS = 28084;
    private static final int STATION_OPS = 28085;
    private static final int CONSOLE = 28086;

    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static ServiceProcess alerts;
    private static ChromeDriver browser;
    private static DistrictLoader.LoadedDistrict district;
    private static String stationId;
    private static DistrictLoader.Watch watch;
    private static final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeAll
    static void startPlatformAndBrowser() throws Exception {
        browser = Chromium.start();
        String serviceToken = DevTokens.mint("platform-services", "service");
        ServiceProcess gateway = jar("device-gateway", GATEWAY, Map.of("GATEWAY_PORT", "" + GATEWAY));
        ServiceProcess visits = jar("visit-service", VISITS, Map.of("VISIT_PORT", "" + VISITS));
        alerts = jar("alert-service", ALERTS, Map.of("ALERT_PORT", "" + ALERTS,
                "VISIT_SERVICE_URL", "http://127.0.0.1:" + VISITS, "VISIT_SERVICE_TOKEN", serviceToken));
        ServiceProcess beds = jar("bed-registry", BEDS, Map.of("BED_REGISTRY_PORT", "" + BEDS, "ELDERCARE_SEED", "true"));
        ServiceProcess ops = jar("station-ops", STATION_OPS, Map.of("STATION_OPS_PORT", "" + STATION_OPS,
                "BED_REGISTRY_URL", "http://127.0.0.1:" + BEDS, "BED_REGISTRY_TOKEN", serviceToken));
        ServiceProcess console = jar("console", CONSOLE, Map.of("CONSOLE_PORT", "" + CONSOLE, "CONSOLE_DEV_SIGN_IN", "true",
                "CONSOLE_BOARD_POLL", "1s",
                "GATEWAY_URL", "http://127.0.0.1:" + GATEWAY, "ALERT_SERVICE_URL", "http://127.0.0.1:" + ALERTS,
                "VISIT_SERVICE_URL", "http://127.0.0.1:" + VISITS, "BED_REGISTRY_URL", "http://127.0.0.1:" + BEDS,
                "STATION_OPS_URL", "http://127.0.0.1:" + STATION_OPS));
        for (ServiceProcess p : List.of(gateway, visits, alerts, beds, ops, console)) {
            processes.add(p.launch());
        }
        for (ServiceProcess p : processes) {
            p.awaitReady(Duration.ofSeconds(120));
        }

        String tag = UUID.randomUUID().toString().substring(0, 6);
        district = new DistrictLoader(visits.url(), gateway.url()).load(DistrictPlan.generate(System.nanoTime(), 3, tag));
        watch = district.watches().get(0);
        stationId = watch.elder().street().stationId();
        openStation(new PlatformApi(ops.url(), DevTokens.mint("console-it", "bureau")));
    }

    /** station-ops knows the station of the district (same id), its elders' agreements and today's lunch. */
    private static void openStation(PlatformApi ops) {
        LocalDate today = LocalDate.now(ZONE);
        LocalDate since = YearMonth.now(ZONE).minusMonths(3).atDay(1);
        Map<String, Object> station = new HashMap<>();
        station.put("id", stationId);
        station.put("name", watch.elder().street().stationName());
        station.put("district", "110107");
        station.put("areaType", "URBAN");
        station.put("stars", 3);
        station.put("operatingSince", since.toString());
        ops.post("/api/stations", station);
        for (DistrictLoader.Watch w : district.watches()) {
            if (w.elder().street().stationId().equals(stationId)) {
                ops.post("/api/stations/" + stationId + "/agreements", Map.of("elderId", w.elderId(),
                        "startDate", since.toString(), "category", "BASIC_CARE"));
            }
        }
        ops.post("/api/stations/" + stationId + "/menu-items", Map.of("date", today.toString(), "meal", "LUNCH",
                "name", "清蒸鲈鱼套餐", "priceFen", 1500, "dietaryTags", List.of("low-salt")));
        ops.post("/api/stations/" + stationId + "/menu-items", Map.of("date", today.toString(), "meal", "DINNER",
                "name", "番茄鸡蛋面", "priceFen", 1200, "dietaryTags", List.of("soft")));
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (AutoCloseable c : clients) {
            c.close();
        }
        Set<String> sessions = new TreeSet<>();
        for (ServiceProcess p : processes) {
            sessions.addAll(p.mqttClientIds());
            p.close();
        }
        // discard this run's persistent sessions so that they collect nothing from later runs
        for (String id : sessions) {
            MqttClient c = new MqttClient(BROKER, id, new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMaxInflight(1000); // Paho returns from a publish before it counts the PUBACK; a small window overflows under load
            o.setUserName(env("MQTT_SERVICE_USER", "platform"));
            o.setPassword(env("MQTT_SERVICE_PASSWORD", "platform-dev-secret").toCharArray());
            o.setCleanSession(true);
            try {
                c.connect(o);
                c.disconnect();
            } catch (MqttException e) {
                // the broker never had it
            } finally {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void eachRoleSignsInToItsOwnPages() {
        browser.get(url("/signin"));
        shot("signin");
        signIn("bureau");
        assertTrue(browser.getCurrentUrl().endsWith("/bureau/alerts"), browser.getCurrentUrl());
        assertEquals("bureau-demo", text("#signed-in-as"));
        browser.findElement(By.linkText("English")).click();
        until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Live alerts"));
        browser.findElement(By.linkText("中文")).click();
        until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "实时告警"));

        signIn("device-admin");
        assertTrue(browser.getCurrentUrl().endsWith("/devices"), browser.getCurrentUrl());
        browser.get(url("/devices?elderId=" + watch.elderId()));
        waitFor(By.id("device-" + watch.deviceId()));
        browser.get(url("/devices"));
        waitFor(By.id("devices"));
        shot("devices");

        signInAsOperator();
        assertTrue(browser.getCurrentUrl().endsWith("/station"), browser.getCurrentUrl());
        assertTrue(text("#menu").contains("清蒸鲈鱼套餐"), "today's menu of the station: " + text("#menu"));
    }

    @Test
    @Order(2)
    void aPageOfAnotherRoleIsRefused() {
        signInAsOperator();
        browser.get(url("/bureau/alerts"));
        assertTrue(text("#forbidden").contains("403"), "an operator on the bureau's board: " + text("main"));
        browser.get(url("/devices/provision"));
        assertTrue(text("#forbidden").contains("403"), "an operator on device provisioning: " + text("main"));
        shot("forbidden");
    }

    @Test
    @Order(3)
    void theAlertBoardShowsAnSosAsItHappensAndItsTimelineOnClick() throws Exception {
        awaitCareCircleKnown(watch.elderId());
        signIn("bureau");
        until(d -> "live on".equals(d.findElement(By.id("live-state")).getAttribute("class")));
        // a mark on this very page: it must still be there when the row appears, i.e. no reload
        ((JavascriptExecutor) browser).executeScript("window.__sameBoard = true;");

        SimulatedWatch device = new SimulatedWatch(BROKER, watch.deviceId(), watch.secret()).connect();
        clients.add(device);
        device.event("SOS", System.currentTimeMillis(), watch.elder().lat(), watch.elder().lon(), null);

        String rowId = until(d -> d.findElements(By.cssSelector("#board tr.alert[data-elder='" + watch.elderId() + "']")).stream()
                .filter(r -> r.getText().contains(watch.elder().name()) && r.getText().contains("SOS")).findFirst()
                .map(r -> r.getAttribute("id")).orElse(null));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.__sameBoard === true;"),
                "the row arrived without a page reload");
        until(d -> d.findElement(By.cssSelector("#" + rowId + " td.notified")).getText().contains("家属"));
        shot("alert-board");

        until(d -> {
            d.findElement(By.cssSelector("#" + rowId + " td.elder a")).click();
            return true;
        });
        waitFor(By.id("timeline"));
        assertTrue(text("#alert-title").contains(watch.elder().name()), text("#alert-title"));
        assertTrue(text("#timeline").length() > 0, "the alert's timeline is shown");
        browser.findElement(By.id("action-accept")).click();
        until(ExpectedConditions.textToBe(By.id("alert-state"), "接单"));
        shot("alert-timeline");

        // on to the end of the closed loop, as a newcomer would from this page
        waitFor(By.id("action-arrive")).click();
        until(ExpectedConditions.textToBe(By.id("alert-state"), "到场"));
        waitFor(By.id("resolve-note")).sendKeys("老人按错了按钮，已确认平安");
        browser.findElement(By.id("action-resolve")).click();
        until(ExpectedConditions.textToBe(By.id("alert-state"), "处置"));
        waitFor(By.id("action-verify")).click();
        until(ExpectedConditions.textToBe(By.id("alert-state"), "核实"));
        waitFor(By.id("action-close")).click();
        until(ExpectedConditions.textToBe(By.id("alert-state"), "办结"));
        assertTrue(text("#timeline").contains("老人按错了按钮"), "the resolution note is in the timeline: " + text("#timeline"));
    }

    @Test
    @Order(4)
    void theCounterServesAMealFoundByName() {
        signInAsOperator();
        WebElement q = waitFor(By.id("counter-q"));
        q.sendKeys(watch.elder().name());
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("counter-item")))
                .selectByVisibleText("午餐 · 清蒸鲈鱼套餐 · ¥15.00");
        browser.findElement(By.id("counter-serve")).click();
        String result = waitFor(By.id("served-result")).getText();
        assertTrue(result.contains(watch.elder().name()), result);
        assertTrue(result.contains("¥10.00") && result.contains("¥5.00"),
                "a signed elder pays 15 - 5 yuan of meal assistance for lunch: " + result);
        assertTrue(text("#served").contains(watch.elder().name()), "the meal is in today's list");
        shot("station-counter");
    }

    @Test
    @Order(5)
    void aStatementIsSubmittedByTheStationAndApprovedByTheBureau() {
        signInAsOperator();
        browser.get(url("/station/statements"));
        WebElement month = waitFor(By.id("draft-month"));
        assertEquals(YearMonth.now(ZONE).minusMonths(1).toString(), month.getAttribute("value"));
        browser.findElement(By.id("draft-statement")).click();
        waitFor(By.id("submit-statement")).click();
        until(d -> "SUBMITTED".equals(d.findElement(By.id("statement-status")).getAttribute("data-status")));
        shot("station-statement");

        signIn("bureau");
        browser.get(url("/bureau/statements"));
        WebElement review = until(d -> d.findElements(By.cssSelector("#approvals tr")).stream()
                .filter(r -> r.getText().contains(stationId)).findFirst()
                .map(r -> r.findElement(By.cssSelector("a.button"))).orElse(null));
        shot("bureau-approvals");
        review.click();
        waitFor(By.id("approve-statement")).click();
        until(d -> "APPROVED".equals(d.findElement(By.id("statement-status")).getAttribute("data-status")));
    }

    @Test
    @Order(6)
    void theBureauSeesCoverageAndStatisticsAndTheDeviceAdminProvisionsAWatch() throws Exception {
        signIn("bureau");
        browser.get(url("/bureau/coverage"));
        waitFor(By.cssSelector("#coverage-chart svg"));
        assertTrue(browser.findElements(By.cssSelector("#coverage-table tbody tr")).size() > 0, "streets of the district");
        shot("bureau-coverage");
        browser.get(url("/bureau/statistics"));
        waitFor(By.id("statistics"));
        shot("bureau-statistics");

        signIn("device-admin");
        browser.get(url("/devices/provision"));
        waitFor(By.id("provision-serial")).sendKeys("SN-" + RUN);
        browser.findElement(By.id("provision")).click();
        assertTrue(waitFor(By.id("device-secret")).getText().length() >= 16, "the new watch's secret is shown once");
        shot("device-provisioned");
        // a message the gateway must refuse, from the test's own watch
        SimulatedWatch device = new SimulatedWatch(BROKER, watch.deviceId(), watch.secret()).connect();
        clients.add(device);
        device.raw("telemetry", "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1);
        browser.get(url("/devices/rejects?deviceId=" + watch.deviceId()));
        until(d -> {
            if (d.findElement(By.id("reject-summary")).getText().contains("MALFORMED_JSON")) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        shot("device-rejects");
        // the connected watch is online on the device list, with the state the gateway holds for it
        browser.get(url("/devices?elderId=" + watch.elderId()));
        until(d -> {
            if (!d.findElements(By.cssSelector("[id='device-" + watch.deviceId() + "'] .online")).isEmpty()) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        assertEquals("1", text("#online-count"));
    }

    private static void signIn(String role) {
        browser.get(url("/signin"));
        browser.findElement(By.id("sign-in-" + role)).click();
        waitFor(By.id("signed-in-as"));
    }

    private static void signInAsOperator() {
        browser.get(url("/signin"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("station-id"))).selectByValue(stationId);
        browser.findElement(By.id("sign-in-operator")).click();
        waitFor(By.id("signed-in-as"));
    }

    private static void awaitCareCircleKnown(String elderId) {
        PlatformApi api = new PlatformApi(alerts.url(), DevTokens.mint("console-it", "bureau"));
        org.awaitility.Awaitility.await("the alert service learns the care circle of " + elderId)
                .atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> api.get("/api/care-circles/" + elderId) != null);
        // An alert still open for the same elder id (left in the test database by an earlier run, or by
        // another environment's events on a shared broker) would take this SOS as a repeat: close it first.
        for (com.fasterxml.jackson.databind.JsonNode stale : api.get("/api/alerts?elderId=" + elderId + "&open=true")) {
            api.post("/api/alerts/" + stale.path("id").asText() + "/cancel", Map.of("note", "left open by an earlier test run"));
        }
    }

    private static WebElement waitFor(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits for a condition; elements replaced meanwhile (a page loading, a row pushed again) are looked up anew. */
    private static <T> T until(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + CONSOLE + path;
    }

    private static void shot(String name) {
        String dir = System.getProperty("browser.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Path target = Path.of(dir, name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot save the screenshot " + name, e);
        }
    }

    private static ServiceProcess jar(String module, int port, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("ELDERCARE_DB_NAME", env("ELDERCARE_TEST_DB_NAME", "eldercare_test"));
        env.put("INSTANCE_ID", RUN);
        env.put("ELDERCARE_MQTT_SHARE_GROUP_SUFFIX", "-" + RUN);
        // This test JVM's environment (failsafe sets it): internal topics apart from a demo's and the API tests'
        env.put(Topics.ENVIRONMENT_VARIABLE, Topics.ENVIRONMENT);
        env.put("HTTP_HOST", "127.0.0.1");
        env.putAll(extra);
        return new ServiceProcess(module, port, env);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
