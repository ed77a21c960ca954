package org.eldercare.simulators.district;

import com.fasterxml.jackson.databind.JsonNode;
import org.eldercare.devtokens.DevTokens;
import org.eldercare.simulators.api.PlatformApi;
import org.eldercare.simulators.api.StationOpsApi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates a {@link DistrictPlan} through the services' own REST APIs, as the bureau and a device
 * administrator would: stations and patrol visitors and elders with their care circles in
 * visit-service, then a provisioned watch bound to each elder and app credentials for every visitor
 * and family member in device-gateway. With {@link #withStationOps}, also the stations' daily work
 * in station-ops ({@link StationOpsPlan}): the same stations, agreements for their elders, a week's
 * menu, today's bookings and last month's history, so that operators can serve and be paid.
 */
public final class DistrictLoader {

    /** A watch ready to connect. */
    public record Watch(String deviceId, String secret, String elderId, DistrictPlan.Elder elder) {
    }

    /** An app user ready to connect: a patrol visitor or a family member. */
    public record AppUser(String userId, String password, boolean visitor, String name) {
    }

    /** {@code stationOps} is null unless the loader was given station-ops ({@link #withStationOps}). */
    public record LoadedDistrict(List<Watch> watches, List<AppUser> visitors, List<AppUser> families,
                                 Map<String, String> elderNames, OpenedStations stationOps) {
    }

    /** What was posted to station-ops: counts, and of the meals served those station-ops subsidised. */
    public record OpenedStations(List<String> stationIds, int agreements, int dishes, int bookings, int meals,
                                 int subsidisedMeals, int serviceRecords, int cards) {
    }

    private final PlatformApi visits;
    private final PlatformApi gateway;
    private String stationOpsUrl;

    public DistrictLoader(String visitServiceUrl, String gatewayUrl) {
        this.visits = new PlatformApi(visitServiceUrl, DevTokens.mint("district-loader", "bureau"));
        this.gateway = new PlatformApi(gatewayUrl, DevTokens.mint("district-loader", "device-admin"));
    }

    /**
     * Also opens the district's stations in station-ops at {@code url} when loading (see
     * {@link #openStations}); null: visit-service and device-gateway only.
     */
    public DistrictLoader withStationOps(String url) {
        this.stationOpsUrl = url;
        return this;
    }

    public LoadedDistrict load(DistrictPlan plan) {
        return load(plan, e -> Map.of());
    }

    /** As {@link #load(DistrictPlan)}, with registration overrides per elder (see {@link #addElder}). */
    public LoadedDistrict load(DistrictPlan plan, java.util.function.Function<DistrictPlan.Elder, Map<String, Object>> overrides) {
        Map<String, List<String>> visitorsByStreet = new LinkedHashMap<>();
        List<AppUser> visitorUsers = new ArrayList<>();
        for (DistrictPlan.Street st : plan.streets) {
            visits.put("/api/stations/" + st.stationId(), Map.of(
                    "name", st.stationName(), "areaCode", st.code(), "dutyUserIds", List.of(),
                    "dutyPhone", "010-6888" + st.code().substring(st.code().length() - 4)));
        }
        for (DistrictPlan.Visitor v : plan.visitors) {
            List<Map<String, String>> schedule = new ArrayList<>();
            for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
                schedule.add(Map.of("day", day, "from", "00:00", "to", "24:00"));
            }
            JsonNode created = visits.post("/api/visitors", Map.of(
                    "name", v.name(), "phone", v.phone(), "kind", "STAFF", "areaCode", v.street().code(),
                    "stationId", v.street().stationId(), "schedule", schedule));
            String id = created.get("id").asText();
            visitorsByStreet.computeIfAbsent(v.street().code(), k -> new ArrayList<>()).add(id);
            visitorUsers.add(new AppUser(id, issueAppPassword(id), true, v.name()));
        }
        List<Watch> watches = new ArrayList<>();
        List<AppUser> families = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> elderIds = new HashMap<>();
        int n = 0;
        for (DistrictPlan.Elder e : plan.elders) {
            List<String> streetVisitors = visitorsByStreet.get(e.street().code());
            LoadedElder loaded = addElder(e, streetVisitors.get(n % streetVisitors.size()), overrides.apply(e));
            watches.add(loaded.watch());
            families.add(loaded.family());
            names.put(loaded.watch().elderId(), e.name());
            elderIds.put(e.key(), loaded.watch().elderId());
            n++;
        }
        OpenedStations opened = stationOpsUrl == null ? null
                : openStations(stationOpsUrl, StationOpsPlan.generate(plan, LocalDate.now(StationOpsPlan.ZONE)), elderIds);
        return new LoadedDistrict(watches, visitorUsers, families, names, opened);
    }

    /** One elder, registered with a family member, the given patrol visitor and a bound watch. */
    public record LoadedElder(Watch watch, AppUser family) {
    }

    /**
     * Registers one elder of a plan with their family member, assigns {@code visitorId}, provisions and
     * binds a watch, and issues the family member's app password. {@code overrides} go into the
     * elder's registration as they are (e.g. {@code "checkIn": {"enabled": true, "deadline": "09:30"}}).
     */
    public LoadedElder addElder(DistrictPlan.Elder e, String visitorId, Map<String, Object> overrides) {
        Map<String, Object> elder = new LinkedHashMap<>();
        elder.put("name", e.name());
        elder.put("nationalId", e.nationalId());
        elder.put("birthDate", e.birthDate());
        elder.put("gender", e.gender());
        elder.put("address", e.address());
        elder.put("home", Map.of("lat", e.lat(), "lon", e.lon()));
        elder.put("areaCode", e.street().code());
        elder.put("stationId", e.street().stationId());
        elder.put("careCategories", e.categories());
        elder.put("riskLevel", e.categories().contains("LIVING_ALONE") || e.categories().contains("DISABLED") ? "HIGH" : "MEDIUM");
        elder.put("safeZone", Map.of("enabled", true, "radiusMeters", 1000));
        elder.put("monitoringConsent", true);
        elder.putAll(overrides);
        JsonNode created = null;
        java.util.Random another = new java.util.Random(System.nanoTime());
        for (int attempt = 0; created == null; attempt++) {
            try {
                created = visits.post("/api/elders", elder);
            } catch (PlatformApi.ApiException conflict) {
                // A fictional identity number taken by an elder of an earlier run in the same database: draw another.
                if (conflict.status() != 409 || attempt >= 5) {
                    throw conflict;
                }
                elder.put("nationalId", DistrictPlan.nationalId(another, e.birthDate(), "FEMALE".equals(e.gender())));
            }
        }
        String elderId = created.get("id").asText();
        long version = created.get("version").asLong();
        JsonNode afterFamily = visits.put("/api/elders/" + elderId + "/family", Map.of("version", version, "contacts", List.of(
                Map.of("userId", e.familyUserId(), "name", e.familyName(), "relation", e.familyRelation(),
                        "phone", e.familyPhone(), "priority", 1, "channels", List.of("APP", "SMS")))));
        visits.put("/api/elders/" + elderId + "/visitors", Map.of("version", afterFamily.get("version").asLong(),
                "visitorIds", List.of(visitorId)));
        JsonNode device = gateway.post("/api/devices", Map.of("model", "EC-W2", "firmware", "2.4.1",
                "serial", "SN-" + elderId + "-" + System.nanoTime() % 1_000_000));
        String deviceId = device.get("deviceId").asText();
        gateway.put("/api/devices/" + deviceId + "/binding", Map.of("elderId", elderId));
        return new LoadedElder(new Watch(deviceId, device.get("secret").asText(), elderId, e),
                new AppUser(e.familyUserId(), issueAppPassword(e.familyUserId()), false, e.familyName()));
    }

    /**
     * Posts a {@link StationOpsPlan} to station-ops as its users would: the bureau registers the
     * stations, each station's operator (a token with its {@code station_id}) signs the agreements,
     * writes the menu, takes the bookings, registers the elders' cards and enters the history at the
     * counter (meals with their {@code servedAt}: station-ops decides each subsidy as on that day) and
     * in the service records. {@code elderIds} maps the plan's elder keys to registered elder ids.
     */
    public static OpenedStations openStations(String stationOpsUrl, StationOpsPlan plan, Map<String, String> elderIds) {
        StationOpsApi bureau = new StationOpsApi(stationOpsUrl, DevTokens.mint("district-loader", "bureau"));
        Map<String, StationOpsApi> operators = new HashMap<>();
        for (StationOpsPlan.Station s : plan.stations) {
            bureau.registerStation(s.id(), s.name(), s.district(), s.areaType(), s.stars(), s.chainOperator(),
                    s.chainJoinedOn(), s.operatingSince());
            operators.put(s.id(), new StationOpsApi(stationOpsUrl, DevTokens.operator("operator-" + s.id(), s.id())));
        }
        int cards = 0;
        for (StationOpsPlan.Agreement a : plan.agreements) {
            StationOpsApi op = operators.get(a.stationId());
            String elderId = elderIds.get(a.elderKey());
            op.signAgreement(a.stationId(), elderId, a.startDate(), a.category());
            op.registerCard(elderId, StationOpsPlan.cardOf(elderId));
            cards++;
        }
        Map<String, String> firstLunchToday = new HashMap<>();
        for (StationOpsPlan.Dish d : plan.menu) {
            JsonNode item = operators.get(d.stationId()).addMenuItem(d.stationId(), d.date(), d.meal(), d.name(), d.priceFen(),
                    d.dietaryTags());
            if (d.date().equals(plan.today) && "LUNCH".equals(d.meal())) {
                firstLunchToday.putIfAbsent(d.stationId(), item.get("id").asText());
            }
        }
        for (StationOpsPlan.Booking b : plan.bookings) {
            operators.get(b.stationId()).book(b.stationId(), elderIds.get(b.elderKey()), b.date(), b.meal(),
                    firstLunchToday.get(b.stationId()), b.mode(), List.of());
        }
        int subsidised = 0;
        for (StationOpsPlan.ServedMeal m : plan.meals) {
            JsonNode served = operators.get(m.stationId()).serve(m.stationId(), elderIds.get(m.elderKey()), m.meal(), m.priceFen(),
                    m.servedAt());
            if (served.path("subsidyFen").asLong() > 0) {
                subsidised++;
            }
        }
        for (StationOpsPlan.ServiceDone s : plan.services) {
            operators.get(s.stationId()).recordService(s.stationId(), elderIds.get(s.elderKey()), s.kind(), s.startedAt(),
                    s.minutes(), s.staff(), s.notes());
        }
        return new OpenedStations(plan.stations.stream().map(StationOpsPlan.Station::id).toList(), plan.agreements.size(),
                plan.menu.size(), plan.bookings.size(), plan.meals.size(), subsidised, plan.services.size(), cards);
    }

    private String issueAppPassword(String userId) {
        return gateway.post("/api/app-credentials/" + userId, Map.of()).get("password").asText();
    }
}
