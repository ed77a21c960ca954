package org.eldercare.alert.detection;

import org.eldercare.alert.alert.AlertKind;
import org.eldercare.contracts.CareCircle.VitalThresholds;

import java.util.EnumMap;
import java.util.Map;

/**
 * Judges one reading against the elder's bounds. A bound is inclusive (hrMin 45: 45 is fine, 44 is
 * low). Each kind is judged only when the reading has that value and the bound is set: the result
 * maps every judged kind to whether it is breached, so that a normal value can end an excursion.
 */
public final class VitalsRule {

    private VitalsRule() {
    }

    public static Map<AlertKind, Boolean> judge(VitalThresholds t, Integer hr, Integer spo2) {
        Map<AlertKind, Boolean> out = new EnumMap<>(AlertKind.class);
        if (t == null) {
            return out;
        }
        if (hr != null && hr > 0) {
            if (t.hrMin() != null) {
                out.put(AlertKind.VITALS_HR_LOW, hr < t.hrMin());
            }
            if (t.hrMax() != null) {
                out.put(AlertKind.VITALS_HR_HIGH, hr > t.hrMax());
            }
        }
        if (spo2 != null && spo2 > 0 && t.spo2Min() != null) {
            out.put(AlertKind.VITALS_SPO2_LOW, spo2 < t.spo2Min());
        }
        return out;
    }
}
