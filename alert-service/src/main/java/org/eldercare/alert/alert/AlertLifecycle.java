package org.eldercare.alert.alert;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.eldercare.alert.alert.AlertState.*;

/** The legal transitions of the closed loop, as a table. Plain Java, no framework. */
public final class AlertLifecycle {

    private record Rule(Set<AlertState> from, AlertState to) {
    }

    private static final Map<AlertAction, Rule> RULES = Map.of(
            AlertAction.DISPATCH, new Rule(Set.of(REPORTED), DISPATCHED),
            // Someone may accept straight from REPORTED (an operator watching the console) too.
            AlertAction.ACCEPT, new Rule(Set.of(REPORTED, DISPATCHED), ACCEPTED),
            // Arriving without having pressed "accept" first still counts: accept is implied.
            AlertAction.ARRIVE, new Rule(Set.of(REPORTED, DISPATCHED, ACCEPTED), ARRIVED),
            AlertAction.RESOLVE, new Rule(Set.of(ACCEPTED, ARRIVED), RESOLVED),
            AlertAction.VERIFY, new Rule(Set.of(RESOLVED), VERIFIED),
            AlertAction.CLOSE, new Rule(Set.of(VERIFIED), CLOSED),
            AlertAction.CANCEL, new Rule(Set.of(REPORTED, DISPATCHED, ACCEPTED, ARRIVED), CANCELLED),
            AlertAction.REDISPATCH, new Rule(Set.of(ACCEPTED), DISPATCHED));

    private AlertLifecycle() {
    }

    /** The state after {@code action}, or empty when the action is illegal in {@code current}. */
    public static Optional<AlertState> next(AlertState current, AlertAction action) {
        Rule r = RULES.get(action);
        return r != null && r.from().contains(current) ? Optional.of(r.to()) : Optional.empty();
    }

    public static Set<AlertState> allowedFrom(AlertAction action) {
        return RULES.get(action).from();
    }
}
