package org.eldercare.stationops.meal;

public enum BookingStatus { BOOKED, SERVED, CANCELLED }
