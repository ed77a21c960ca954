package org.eldercare.visits.elder;

public enum Gender {
    MALE, FEMALE
}
