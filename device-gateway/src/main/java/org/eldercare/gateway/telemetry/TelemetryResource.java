package org.eldercare.gateway.telemetry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.gateway.device.DeviceResource;
import org.eldercare.gateway.device.DeviceService;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Telemetry")
public class TelemetryResource {

    public record Sample(String id, String deviceId, String elderId, Instant ts, Instant receivedAt, Integer hr,
                         Integer spo2, Integer steps, Integer battery, Boolean worn, GeoPoint loc) {
    }

    private static final String COLUMNS = "msg_id, device_id, elder_id, ts, received_at, hr, spo2, steps, battery, worn,"
            + " lat, lon, acc";

    private final Pool pool;

    public TelemetryResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Path("/devices/{id}/telemetry")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU, Roles.SERVICE})
    @Operation(summary = "A watch's telemetry in [from, to) by the watch's clock, newest first (default: last 24 h)")
    public Uni<DeviceResource.Page<Sample>> device(@PathParam("id") String id, @QueryParam("from") String from,
                                                   @QueryParam("to") String to,
                                                   @QueryParam("page") @DefaultValue("0") int page,
                                                   @QueryParam("size") @DefaultValue("100") int size) {
        return query("device_id", id, from, to, page, size);
    }

    @GET
    @Path("/elders/{elderId}/telemetry")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU, Roles.SERVICE})
    @Operation(summary = "Telemetry recorded while watches were bound to the elder, newest first")
    public Uni<DeviceResource.Page<Sample>> elder(@PathParam("elderId") String elderId, @QueryParam("from") String from,
                                                  @QueryParam("to") String to,
                                                  @QueryParam("page") @DefaultValue("0") int page,
                                                  @QueryParam("size") @DefaultValue("100") int size) {
        return query("elder_id", elderId, from, to, page, size);
    }

    private Uni<DeviceResource.Page<Sample>> query(String column, String key, String fromText, String toText, int page,
                                                   int size) {
        int s = DeviceResource.pageSize(size, 1000);
        int p = Math.max(0, page);
        Instant to = toText == null ? Instant.now() : parse("to", toText);
        Instant from = fromText == null ? to.minus(Duration.ofDays(1)) : parse("from", fromText);
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("from must be before to");
        }
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM telemetry WHERE " + column + " = $1 AND ts >= $2 AND ts < $3"
                        + " ORDER BY ts DESC, msg_id LIMIT $4 OFFSET $5")
                .execute(Tuple.of(key, DeviceService.at(from), DeviceService.at(to), s, p * s))
                .map(rows -> {
                    List<Sample> items = new ArrayList<>();
                    for (Row r : rows) {
                        Double lat = r.getDouble("lat");
                        items.add(new Sample(r.getString("msg_id"), r.getString("device_id"), r.getString("elder_id"),
                                DeviceService.instant(r, "ts"), DeviceService.instant(r, "received_at"),
                                r.getInteger("hr"), r.getInteger("spo2"), r.getInteger("steps"), r.getInteger("battery"),
                                r.getBoolean("worn"), lat == null ? null : new GeoPoint(lat, r.getDouble("lon"),
                                r.getValue("acc") == null ? null : r.getDouble("acc"))));
                    }
                    return new DeviceResource.Page<>(items, p, s);
                });
    }

    private static Instant parse(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant such as 2026-12-06T00:00:00Z");
        }
    }
}
