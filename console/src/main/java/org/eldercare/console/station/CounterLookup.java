package org.eldercare.console.station;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The counter's one search field: an elder id, a name (or part of one) or a card number. An exact
 * id wins; then an exact name, then a name containing the text; several elders by that name are
 * offered to choose from; anything else is taken for a card, which station-ops resolves.
 */
public final class CounterLookup {

    /** An elder of the station as the counter knows them. */
    public record Elder(String id, String name) {
    }

    public sealed interface Match permits Found, Choose, Card {
    }

    public record Found(Elder elder) implements Match {
    }

    public record Choose(List<Elder> candidates) implements Match {
    }

    public record Card(String cardNo) implements Match {
    }

    private CounterLookup() {
    }

    public static Match find(String input, List<Elder> elders) {
        String q = input == null ? "" : input.strip();
        for (Elder e : elders) {
            if (e.id().equals(q)) {
                return new Found(e);
            }
        }
        List<Elder> exact = new ArrayList<>();
        List<Elder> partial = new ArrayList<>();
        String lower = q.toLowerCase(Locale.ROOT);
        for (Elder e : elders) {
            String name = e.name() == null ? "" : e.name().toLowerCase(Locale.ROOT);
            if (name.equals(lower)) {
                exact.add(e);
            } else if (!lower.isEmpty() && name.contains(lower)) {
                partial.add(e);
            }
        }
        List<Elder> byName = exact.isEmpty() ? partial : exact;
        if (byName.size() == 1) {
            return new Found(byName.get(0));
        }
        if (byName.size() > 1) {
            return new Choose(List.copyOf(byName));
        }
        return new Card(q);
    }
}
