package org.eldercare.stationops.meal;

/** How a booked meal reaches the elder. */
public enum MealMode { DINE_IN, PICK_UP, DELIVERY }
