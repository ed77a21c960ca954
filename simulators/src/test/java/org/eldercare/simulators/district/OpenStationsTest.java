package org.eldercare.simulators.district;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DistrictLoader#openStations} against a small HTTP server standing in for station-ops: which
 * calls it makes, with whose token, and what they carry.
 */
class OpenStationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    static {
        // small answers at once, not after the peer's delayed acknowledgement
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    record Call(String method, String path, JsonNode body, JsonNode claims) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(auth.substring("Bearer ".length()).split("\\.")[1]));
            JsonNode req = body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
            String path = ex.getRequestURI().getPath();
            calls.add(new Call(ex.getRequestMethod(), path, req, claims));
            String answer = "{}";
            if (path.endsWith("/menu-items")) {
                answer = "{\"id\":\"" + UUID.randomUUID() + "\"}";
            } else if (path.endsWith("/meals-served")) {
                answer = "{\"subsidyFen\":" + (req.get("priceFen").asLong() > 500 && "LUNCH".equals(req.get("meal").asText()) ? 500 : 0) + "}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(path.endsWith("/card") ? 200 : 201, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theBureauRegistersTheStationsAndEachOperatorEntersItsOwnStationsWork() {
        DistrictPlan district = DistrictPlan.generate(42, 21, "t2");
        StationOpsPlan plan = StationOpsPlan.generate(district, TODAY);
        Map<String, String> elderIds = new HashMap<>();
        district.elders.forEach(e -> elderIds.put(e.key(), "E-" + e.key()));

        DistrictLoader.OpenedStations opened = DistrictLoader.openStations(
                "http://127.0.0.1:" + server.getAddress().getPort(), plan, elderIds);

        List<Call> registrations = calls.stream().filter(c -> c.path().equals("/api/stations")).toList();
        assertEquals(district.streets.stream().map(DistrictPlan.Street::stationId).toList(),
                registrations.stream().map(c -> c.body().get("id").asText()).toList());
        for (Call c : registrations) {
            assertTrue(groups(c).contains("bureau"), c.toString());
            assertEquals(StationOpsPlan.DISTRICT, c.body().get("district").asText());
            assertTrue(LocalDate.parse(c.body().get("operatingSince").asText()).isBefore(LocalDate.of(2026, 11, 1)));
        }
        // every station's work goes in with that station's operator token, never another's
        for (Call c : calls) {
            if (c.path().startsWith("/api/stations/")) {
                String station = c.path().split("/")[3];
                assertEquals(List.of("operator"), groups(c), c.toString());
                assertEquals(station, c.claims().get("station_id").asText(), c.toString());
            }
        }
        List<Call> agreements = calls.stream().filter(c -> c.path().endsWith("/agreements")).toList();
        assertEquals(21, agreements.size());
        assertEquals(elderIds.values().stream().sorted().toList(),
                agreements.stream().map(c -> c.body().get("elderId").asText()).sorted().toList());
        assertEquals(21, calls.stream().filter(c -> c.method().equals("PUT") && c.path().endsWith("/card")).count());
        assertTrue(calls.stream().filter(c -> c.path().endsWith("/bookings"))
                .allMatch(c -> c.body().hasNonNull("menuItemId") && c.body().get("date").asText().equals(TODAY.toString())));
        Instant todayStarts = TODAY.atStartOfDay(StationOpsPlan.ZONE).toInstant();
        List<Call> meals = calls.stream().filter(c -> c.path().endsWith("/meals-served")).toList();
        assertEquals(plan.meals.size(), meals.size());
        assertTrue(meals.stream().allMatch(c -> Instant.parse(c.body().get("servedAt").asText()).isBefore(todayStarts)
                && !c.body().has("offlineSubsidyFen")));
        assertEquals(plan.services.size(), calls.stream().filter(c -> c.path().endsWith("/service-records")).count());
        assertEquals(meals.stream().filter(c -> c.body().get("meal").asText().equals("LUNCH")).count(), opened.subsidisedMeals());
        assertEquals(plan.menu.size(), opened.dishes());
    }

    private static List<String> groups(Call c) {
        return JSON.convertValue(c.claims().get("groups"), List.class);
    }
}
