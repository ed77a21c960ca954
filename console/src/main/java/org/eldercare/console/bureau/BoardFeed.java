package org.eldercare.console.bureau;

import org.eldercare.console.session.ConsoleUser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One open board: what its viewer has been shown, so that each poll pushes only the rows that are
 * new or changed and removes those that dropped off.
 */
final class BoardFeed {

    /** A change for the browser: a row's HTML to put in place (newest first), or an id to remove. */
    record Change(String kind, String id, String html) {
        static Change upsert(AlertRow row, String html) {
            return new Change("upsert", row.id(), html);
        }

        static Change remove(String id) {
            return new Change("remove", id, id);
        }
    }

    private final AlertBoard board;
    private final ConsoleUser user;
    private final Function<AlertRow, String> render;
    private final Map<String, String> names = new HashMap<>();
    private Map<String, AlertRow> shown = new LinkedHashMap<>();

    BoardFeed(AlertBoard board, ConsoleUser user, Function<AlertRow, String> render) {
        this.board = board;
        this.user = user;
        this.render = render;
    }

    synchronized List<Change> poll() {
        List<AlertRow> rows = board.read(user, names, shown);
        Map<String, AlertRow> now = new LinkedHashMap<>();
        rows.forEach(r -> now.put(r.id(), r));
        List<Change> changes = new ArrayList<>();
        for (String id : shown.keySet()) {
            if (!now.containsKey(id)) {
                changes.add(Change.remove(id));
            }
        }
        // oldest first, so that the browser, putting each new row on top, ends newest first
        for (int i = rows.size() - 1; i >= 0; i--) {
            AlertRow r = rows.get(i);
            AlertRow before = shown.get(r.id());
            if (before == null || !before.fingerprint().equals(r.fingerprint())) {
                changes.add(Change.upsert(r, render.apply(r)));
            }
        }
        shown = now;
        return changes;
    }
}
