package org.eldercare.stationops.bedregistry;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.eldercare.stationops.subsidy.BedDays;
import org.eldercare.stationops.subsidy.Facts;
import org.jboss.logging.Logger;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads bed-registry's bed-days of the whole district for a month, once, and takes from it:
 * <ul>
 * <li>respite bed-days: those of the station-run facilities (kind STATION or CARE_CENTRE) whose
 * operating station is this station; home-care beds and institutions have their own subsidies;</li>
 * <li>institution stays: elders bed-registry counts in an INSTITUTION bed on every day of the
 * month. Bed-days carry no dates, so a partial month cannot say which days; those elders are
 * checked only against the stays posted to station-ops.</li>
 * </ul>
 * Any failure, and a month bed-registry has not finished counting, is answered as
 * {@link BedDays.Unavailable} so the statement flags it instead of paying zero.
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
    public Uni<BedDays> bedDays(String stationId, YearMonth month) {
        // The whole district, not ?stationId=: institutions are not run by stations.
        return client.bedDays(month.toString(), null, token.map(t -> "Bearer " + t).orElse(null))
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
        List<Facts.InstitutionStay> stays = answer.facilities().stream()
                .filter(f -> "INSTITUTION".equals(f.kind()) && f.elders() != null)
                .flatMap(f -> f.elders().stream()
                        .filter(e -> e.elderId() != null && e.bedDays() >= month.lengthOfMonth())
                        // The days strictly between the day before the month and the day after it: the whole month.
                        .map(e -> new Facts.InstitutionStay("bed-registry:facility:" + f.facilityId() + ":" + month + ":" + e.elderId(),
                                e.elderId(), f.facilityId(), month.atDay(1).minusDays(1), month.atEndOfMonth().plusDays(1))))
                .toList();
        return new BedDays.Known(facilities, stays);
    }
}
