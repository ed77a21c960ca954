package org.eldercare.gateway.device;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices")
public class DeviceResource {

    /** The device with its secret: only in the answer to provisioning and rotation. */
    public record DeviceWithSecret(String deviceId, String model, String firmware, String serial, String imei,
                                   DeviceStatus status, String elderId, Instant createdAt, Instant secretIssuedAt,
                                   String secret) {
        static DeviceWithSecret of(DeviceService.Provisioned p) {
            Device d = p.device();
            return new DeviceWithSecret(d.deviceId(), d.model(), d.firmware(), d.serial(), d.imei(), d.status(),
                    d.elderId(), d.createdAt(), d.secretIssuedAt(), p.secret());
        }
    }

    public record SecretAnswer(String deviceId, String secret, Instant secretIssuedAt) {
    }

    public record BindRequest(@NotNull @NotBlank @Pattern(regexp = "[A-Za-z0-9_.:-]{1,64}") String elderId) {
    }

    public record Page<T>(List<T> items, int page, int size) {
    }

    public record ImportedDevice(String deviceId, String serial, String secret) {
    }

    private final DeviceService service;

    public DeviceResource(DeviceService service) {
        this.service = service;
    }

    @POST
    @Path("/devices")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking // hashing the secret is CPU work that must not hold an event loop
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU})
    @Operation(summary = "Provision a watch; the answer carries its secret, shown only this once")
    public Uni<Response> provision(@Valid @NotNull NewDevice req) {
        return service.provision(req).map(p -> Response.created(URI.create("/api/devices/" + p.device().deviceId()))
                .entity(DeviceWithSecret.of(p)).build());
    }

    @POST
    @Path("/devices/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Blocking
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU})
    @Operation(summary = "Provision a batch of watches from CSV (deviceId,model,firmware,serial,imei); all or none")
    public Uni<Response> importCsv(String csv) {
        CsvImport.Result parsed = CsvImport.parse(csv);
        if (!parsed.errors().isEmpty()) {
            return Uni.createFrom().item(Response.status(422).type("application/problem+json").entity(Map.of(
                    "title", "Unprocessable request", "status", 422,
                    "detail", parsed.errors().size() + " bad line(s); nothing was imported",
                    "errors", parsed.errors())).build());
        }
        if (parsed.devices().isEmpty()) {
            throw ProblemException.unprocessable("no devices in the file");
        }
        return service.provisionAll(parsed.devices().stream().map(CsvImport.Line::device).toList())
                .map(list -> Response.status(201).entity(Map.of("created", list.stream()
                        .map(p -> new ImportedDevice(p.device().deviceId(), p.device().serial(), p.secret())).toList()))
                        .build());
    }

    @GET
    @Path("/devices/{id}")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU, Roles.SERVICE})
    @Operation(summary = "One device (without its secret)")
    public Uni<Device> get(@PathParam("id") String id) {
        return service.get(id);
    }

    @GET
    @Path("/devices")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU, Roles.SERVICE})
    @Operation(summary = "Devices, optionally those bound to an elder or in a status")
    public Uni<Page<Device>> list(@QueryParam("elderId") String elderId, @QueryParam("status") DeviceStatus status,
                                  @QueryParam("page") @DefaultValue("0") int page,
                                  @QueryParam("size") @DefaultValue("50") int size) {
        int s = pageSize(size, 500);
        return service.list(elderId, status, Math.max(0, page), s).map(items -> new Page<>(items, Math.max(0, page), s));
    }

    @PUT
    @Path("/devices/{id}/binding")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU})
    @Operation(summary = "Bind the watch to an elder (closing any previous binding of this watch)")
    public Uni<Device> bind(@PathParam("id") String id, @Valid @NotNull BindRequest req) {
        return service.bind(id, req.elderId());
    }

    @DELETE
    @Path("/devices/{id}/binding")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU})
    @Operation(summary = "Unbind the watch from its elder")
    public Uni<Response> unbind(@PathParam("id") String id) {
        return service.unbind(id).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/devices/{id}/bindings")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU, Roles.SERVICE})
    @Operation(summary = "Binding history of the watch, newest first")
    public Uni<List<DeviceService.Binding>> bindings(@PathParam("id") String id) {
        return service.bindings(id);
    }

    @POST
    @Path("/devices/{id}/secret")
    @Blocking
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU})
    @Operation(summary = "Rotate the watch's secret; the new one is shown only this once")
    public Uni<SecretAnswer> rotate(@PathParam("id") String id) {
        return service.rotateSecret(id).map(p -> new SecretAnswer(id, p.secret(), p.device().secretIssuedAt()));
    }

    @POST
    @Path("/devices/{id}/retire")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU})
    @Operation(summary = "Retire the watch: its broker account is deleted and its messages refused")
    public Uni<Device> retire(@PathParam("id") String id) {
        return service.retire(id);
    }

    public static int pageSize(int size, int max) {
        if (size < 1 || size > max) {
            throw ProblemException.badRequest("size must be 1-" + max);
        }
        return size;
    }
}
