package org.eldercare.console.bureau;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.eldercare.console.services.AlertServiceApi;
import org.eldercare.console.services.VisitServiceApi;
import org.eldercare.console.session.ConsoleUser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the board as one user sees it, always with that user's own token: the newest alerts, each
 * row's detail fetched again only when the alert changed since the viewer's last read.
 */
@ApplicationScoped
public class AlertBoard {

    /** Rows on the board: the newest alerts, open or not, so that an alert stays in view to its closure. */
    static final int ROWS = 50;

    private final AlertServiceApi alerts;
    private final VisitServiceApi visits;

    AlertBoard(@RestClient AlertServiceApi alerts, @RestClient VisitServiceApi visits) {
        this.alerts = alerts;
        this.visits = visits;
    }

    /**
     * @param names    elder names already looked up for this viewer (filled as needed)
     * @param previous the rows the viewer has, by id: reused when their alert has not changed
     */
    public List<AlertRow> read(ConsoleUser user, Map<String, String> names, Map<String, AlertRow> previous) {
        List<AlertRow> rows = new ArrayList<>();
        for (Map<String, Object> a : alerts.list(user.authorization(), false, ROWS)) {
            String id = String.valueOf(a.get("id"));
            AlertRow known = previous.get(id);
            if (known != null && known.fingerprint().equals(AlertRow.fingerprint(a))) {
                rows.add(known);
                continue;
            }
            Map<String, Object> detail = alerts.get(user.authorization(), id);
            String elderId = String.valueOf(a.get("elderId"));
            rows.add(AlertRow.of(a, detail, names.computeIfAbsent(elderId, e -> elderName(user, e))));
        }
        return rows;
    }

    public Map<String, Object> detail(ConsoleUser user, String id) {
        return alerts.get(user.authorization(), id);
    }

    public String elderName(ConsoleUser user, String elderId) {
        try {
            Object name = visits.elder(user.authorization(), elderId).get("name");
            return name == null ? elderId : name.toString();
        } catch (RuntimeException e) {
            // visit-service down or the elder not visible to this user: the id still identifies them
            return elderId;
        }
    }
}
