package org.eldercare.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A patrol visitor as the alert service needs to know them to escalate to the nearest on-duty
 * visitors: published by visit-service on {@code visitors/{visitorId}} after every change. Where
 * they are and whether they are on duty right now comes from their app (VISITOR_LOCATION events).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VisitorProfile(String visitorId, long version, boolean active, String name, String phone,
                             String areaCode, String stationId) {
}
