package org.eldercare.console.services;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/** station-ops: stations, meal tables, service records and subsidy statements (docs/services/station-ops.md). */
@RegisterRestClient(configKey = "station-ops")
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface StationOpsApi {

    @GET
    @Path("/stations")
    List<Map<String, Object>> stations(@HeaderParam("Authorization") String auth);

    @GET
    @Path("/stations/{id}")
    Map<String, Object> station(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @GET
    @Path("/stations/{id}/menu-items")
    List<Map<String, Object>> menu(@HeaderParam("Authorization") String auth, @PathParam("id") String stationId,
                                   @QueryParam("from") String from, @QueryParam("to") String to);

    @GET
    @Path("/stations/{id}/bookings")
    List<Map<String, Object>> bookings(@HeaderParam("Authorization") String auth, @PathParam("id") String stationId,
                                       @QueryParam("date") String date);

    /** The counter: one meal handed over, by elder id or card. */
    @POST
    @Path("/stations/{id}/meals-served")
    Map<String, Object> serve(@HeaderParam("Authorization") String auth, @PathParam("id") String stationId,
                              Map<String, Object> meal);

    @GET
    @Path("/stations/{id}/meals-served")
    List<Map<String, Object>> served(@HeaderParam("Authorization") String auth, @PathParam("id") String stationId,
                                     @QueryParam("date") String date);

    @GET
    @Path("/stations/{id}/meal-counts")
    Map<String, Object> mealCounts(@HeaderParam("Authorization") String auth, @PathParam("id") String stationId,
                                   @QueryParam("date") String date);

    @GET
    @Path("/stations/{id}/service-records")
    List<Map<String, Object>> serviceRecords(@HeaderParam("Authorization") String auth, @PathParam("id") String stationId,
                                             @QueryParam("month") String month);

    @POST
    @Path("/stations/{id}/service-records")
    Map<String, Object> recordService(@HeaderParam("Authorization") String auth, @PathParam("id") String stationId,
                                      Map<String, Object> record);

    @GET
    @Path("/stations/{id}/agreements")
    List<Map<String, Object>> agreements(@HeaderParam("Authorization") String auth, @PathParam("id") String stationId);

    @GET
    @Path("/stations/{id}/statements")
    List<Map<String, Object>> statementsOf(@HeaderParam("Authorization") String auth, @PathParam("id") String stationId);

    /** Computes (or recomputes) the month's statement as a draft: {@code {month}}. */
    @POST
    @Path("/stations/{id}/statements")
    Map<String, Object> draft(@HeaderParam("Authorization") String auth, @PathParam("id") String stationId,
                              Map<String, Object> month);

    /** The bureau's queue: statements in a status. */
    @GET
    @Path("/statements")
    List<Map<String, Object>> statements(@HeaderParam("Authorization") String auth, @QueryParam("status") String status);

    @GET
    @Path("/statements/{id}")
    Map<String, Object> statement(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @POST
    @Path("/statements/{id}/submit")
    Map<String, Object> submit(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @POST
    @Path("/statements/{id}/approve")
    Map<String, Object> approve(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @POST
    @Path("/statements/{id}/reject")
    Map<String, Object> reject(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
                               Map<String, Object> reason);
}
