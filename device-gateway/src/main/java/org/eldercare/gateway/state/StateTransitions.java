package org.eldercare.gateway.state;

import org.eldercare.contracts.PlatformEventType;

import java.util.ArrayList;
import java.util.List;

/**
 * Which events a change of a watch's reported state is worth, beyond the watch's own events: the
 * battery dropping below the threshold (once per drop: it must rise to or above the threshold
 * before it can fire again), and the watch being taken off or put back on.
 */
public final class StateTransitions {

    private StateTransitions() {
    }

    public static List<PlatformEventType> derive(Integer oldBattery, Integer newBattery, int lowBatteryThreshold,
                                                 Boolean oldWorn, Boolean newWorn) {
        List<PlatformEventType> out = new ArrayList<>(2);
        if (newBattery != null && newBattery < lowBatteryThreshold
                && (oldBattery == null || oldBattery >= lowBatteryThreshold)) {
            out.add(PlatformEventType.LOW_BATTERY);
        }
        // Nothing known before is not a change: the first sample of a watch raises nothing.
        if (oldWorn != null && newWorn != null && !oldWorn.equals(newWorn)) {
            out.add(newWorn ? PlatformEventType.WORN : PlatformEventType.REMOVED);
        }
        return out;
    }
}
