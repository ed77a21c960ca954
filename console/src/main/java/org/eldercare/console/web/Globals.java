package org.eldercare.console.web;

import io.quarkus.qute.TemplateGlobal;

import java.util.List;

/** Fixed choices every template may offer (the services' enumerations). */
@TemplateGlobal
public final class Globals {

    /** station-ops meals, in the order of the day. */
    static final List<String> meals = List.of("BREAKFAST", "LUNCH", "DINNER");

    /** station-ops service kinds. */
    static final List<String> serviceKinds = List.of("HOME_VISIT", "PERSONAL_CARE", "CLEANING", "BATHING",
            "MEDICAL_ESCORT", "RESPITE_STAY");

    private Globals() {
    }
}
