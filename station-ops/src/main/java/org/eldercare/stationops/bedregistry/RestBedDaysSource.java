package org.eldercare.stationops.bedregistry;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.eldercare.stationops.subsidy.BedDays;
import org.jboss.logging.Logger;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Respite bed-days from bed-registry: the bed-days of the station-run facilities (kind STATION or
 * CARE_CENTRE) whose operating station is this station. Home-care beds and institutions have
 * their own subsidies and are not respite. Any failure, and a month bed-registry has not finished
 * counting, is answered as {@link BedDays.Unavailable} so the statement flags it instead of paying zero.
 */
@ApplicationScoped
public class RestBedDaysSource implements BedDaysSource {

    private static final Logger LOG = Logger.getLogger(RestBedDaysSource.class);
    private static final Set<String> RESPITE_KINDS = Set.of("STATION", "CARE_CENTRE");

    private final BedRegistryClient client;
    private final Optional<String> token;

    public RestBedDaysSource(@RestClient BedRegistryClient client,
                             @ConfigProperty(name = "eldercare.bed-registry.token") Optional<String> token) {
        this.client = client;
        this.token = token.filter(t -> !t.isBlank());
    }

    @Override
    public Uni<BedDays> respiteBedDays(String stationId, YearMonth month) {
        return client.bedDays(month.toString(), stationId, token.map(t -> "Bearer " + t).orElse(null))
                .map(answer -> toBedDays(stationId, month, answer))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("bed-registry bed-days for %s %s unavailable: %s", stationId, month, e.toString());
                    return new BedDays.Unavailable("bed-registry did not answer: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()));
                });
    }

    static BedDays toBedDays(String stationId, YearMonth month, BedRegistryClient.MonthBedDays answer) {
        if (answer == null || answer.facilities() == null) {
            return new BedDays.Unavailable("bed-registry answered without facilities");
        }
        if (!answer.complete()) {
            return new BedDays.Unavailable("bed-registry has counted only " + answer.daysCounted() + " day(s) of " + month
                    + ": the month is not over");
        }
        List<BedDays.Facility> facilities = answer.facilities().stream()
                .filter(f -> stationId.equals(f.operatingStationId()) && RESPITE_KINDS.contains(f.kind()))
                .map(f -> new BedDays.Facility("bed-registry:facility:" + f.facilityId() + ":" + month, f.bedDays()))
                .toList();
        return new BedDays.Known(facilities);
    }
}
