package org.eldercare.gateway.quarantine;

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
import org.eldercare.gateway.device.DeviceResource;
import org.eldercare.gateway.device.DeviceService;
import org.eldercare.gateway.ingest.RejectReason;
import org.eldercare.web.Roles;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What was refused and from whom, so an operator can see which devices send garbage. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Quarantine")
public class QuarantineResource {

    public record Entry(long id, String sender, String topic, RejectReason reason, String detail, Instant receivedAt,
                        int size, String payload) {
    }

    public record Summary(String sender, RejectReason reason, long count, Instant lastAt) {
    }

    public record StoredEvent(String id, String type, Instant ts, Instant receivedAt, String elderId, boolean published) {
    }

    private final Pool pool;

    public QuarantineResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Path("/quarantine")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU, Roles.SERVICE})
    @Operation(summary = "Rejected messages with their raw payload, newest first")
    public Uni<DeviceResource.Page<Entry>> list(@QueryParam("deviceId") String sender,
                                                @QueryParam("reason") RejectReason reason,
                                                @QueryParam("page") @DefaultValue("0") int page,
                                                @QueryParam("size") @DefaultValue("50") int size) {
        int s = DeviceResource.pageSize(size, 500);
        int p = Math.max(0, page);
        return pool.preparedQuery("SELECT id, sender, topic, reason, detail, received_at, size, payload FROM quarantine"
                        + " WHERE ($1::text IS NULL OR sender = $1) AND ($2::text IS NULL OR reason = $2)"
                        + " ORDER BY received_at DESC, id DESC LIMIT $3 OFFSET $4")
                .execute(Tuple.of(sender, reason == null ? null : reason.name(), s, p * s))
                .map(rows -> {
                    List<Entry> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Entry(r.getLong(0), r.getString(1), r.getString(2), RejectReason.valueOf(r.getString(3)),
                                r.getString(4), DeviceService.instant(r, 5), r.getInteger(6),
                                new String(r.getBuffer(7).getBytes(), StandardCharsets.UTF_8)));
                    }
                    return new DeviceResource.Page<>(out, p, s);
                });
    }

    @GET
    @Path("/quarantine/summary")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU, Roles.SERVICE})
    @Operation(summary = "Rejected messages counted per sender and reason, the worst senders first")
    public Uni<List<Summary>> summary(@QueryParam("deviceId") String sender) {
        return summarize(sender);
    }

    @GET
    @Path("/devices/{id}/rejects")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU, Roles.SERVICE})
    @Operation(summary = "A watch's rejected messages counted per reason")
    public Uni<List<Summary>> device(@PathParam("id") String id) {
        return summarize(id);
    }

    @GET
    @Path("/devices/{id}/events")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU, Roles.SERVICE})
    @Operation(summary = "Events the watch sent, newest first; published=false with no elder means it was bound to nobody")
    public Uni<List<StoredEvent>> events(@PathParam("id") String id, @QueryParam("size") @DefaultValue("100") int size) {
        return pool.preparedQuery("SELECT msg_id, type, ts, received_at, elder_id, published FROM inbound_message"
                        + " WHERE sender = $1 AND kind = 'EVENT' ORDER BY received_at DESC LIMIT $2")
                .execute(Tuple.of(id, DeviceResource.pageSize(size, 1000)))
                .map(rows -> {
                    List<StoredEvent> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new StoredEvent(r.getString(0), r.getString(1), DeviceService.instant(r, 2),
                                DeviceService.instant(r, 3), r.getString(4), r.getBoolean(5)));
                    }
                    return out;
                });
    }

    private Uni<List<Summary>> summarize(String sender) {
        return pool.preparedQuery("SELECT sender, reason, count(*), max(received_at) FROM quarantine"
                        + " WHERE ($1::text IS NULL OR sender = $1) GROUP BY sender, reason ORDER BY count(*) DESC LIMIT 1000")
                .execute(Tuple.of(sender))
                .map(rows -> {
                    List<Summary> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Summary(r.getString(0), RejectReason.valueOf(r.getString(1)), r.getLong(2),
                                DeviceService.instant(r, 3)));
                    }
                    return out;
                });
    }
}
