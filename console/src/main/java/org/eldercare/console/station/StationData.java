package org.eldercare.console.station;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.eldercare.console.services.VisitServiceApi;
import org.eldercare.console.session.ConsoleUser;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The station's elders (visit-service) for the operator's pages, read with the operator's token. */
@ApplicationScoped
public class StationData {

    /** Meals, service days and statement months are days of the district's calendar. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int PAGE = 500;

    private final VisitServiceApi visits;

    StationData(@RestClient VisitServiceApi visits) {
        this.visits = visits;
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    public List<Map<String, Object>> elders(ConsoleUser user) {
        List<Map<String, Object>> all = new ArrayList<>();
        String after = null;
        while (true) {
            List<Map<String, Object>> page = visits.elders(user.authorization(), user.stationId(), after, PAGE);
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
            after = String.valueOf(page.get(page.size() - 1).get("id"));
        }
    }

    /** Elder id to name, for lists that only carry ids. */
    public static Map<String, String> names(List<Map<String, Object>> elders) {
        Map<String, String> names = new LinkedHashMap<>();
        elders.forEach(e -> names.put(String.valueOf(e.get("id")), String.valueOf(e.get("name"))));
        return names;
    }

    public static List<CounterLookup.Elder> lookupList(List<Map<String, Object>> elders) {
        return elders.stream().map(e -> new CounterLookup.Elder(String.valueOf(e.get("id")), String.valueOf(e.get("name")))).toList();
    }
}
