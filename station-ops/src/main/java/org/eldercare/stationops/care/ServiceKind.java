package org.eldercare.stationops.care;

/** Services a station delivers besides meals. */
public enum ServiceKind { HOME_VISIT, PERSONAL_CARE, CLEANING, BATHING, MEDICAL_ESCORT, RESPITE_STAY }
