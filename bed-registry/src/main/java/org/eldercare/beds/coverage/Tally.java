package org.eldercare.beds.coverage;

import org.eldercare.beds.area.Population;
import org.eldercare.beds.facility.FacilityKind;

import java.util.Map;
import java.util.Set;

/**
 * The additive counts behind every coverage figure. Only counts are summed up the area tree; every
 * ratio is computed afresh from the summed counts, so a district's ratio is never an average of its
 * streets' ratios and a district's counts always equal the sum of its parts.
 *
 * @param countedBeds  beds of the kinds the plan counts toward the per-1,000 figure
 * @param nursingBeds  nursing-type beds among the counted beds
 * @param occupiedBeds occupied beds among the counted beds
 * @param allBeds      beds of every kind, counted or not
 * @param homeCareBeds beds of home-care (家庭照护床位) facilities, counted or not
 */
public record Tally(long residents, long aged60Plus, long aged80Plus, long disabledElders,
                    long countedBeds, long nursingBeds, long occupiedBeds, long allBeds,
                    long careStaff, long institutions, long careCentres, long stations, long homeCareBeds) {

    public static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** One community's tally; a community without population figures counts as nobody living there. */
    public static Tally ofCommunity(Population population, Map<FacilityKind, KindTally> byKind, Set<FacilityKind> countedKinds) {
        long counted = 0, nursing = 0, occupied = 0, all = 0, staff = 0;
        for (Map.Entry<FacilityKind, KindTally> e : byKind.entrySet()) {
            KindTally k = e.getValue();
            all += k.beds();
            staff += k.careStaff();
            if (countedKinds.contains(e.getKey())) {
                counted += k.beds();
                nursing += k.nursingBeds();
                occupied += k.occupiedBeds();
            }
        }
        Population p = population == null ? new Population(0, 0, 0, 0, 0) : population;
        return new Tally(p.residents(), p.aged60Plus(), p.aged80Plus(), p.disabledElders(),
                counted, nursing, occupied, all, staff,
                byKind.getOrDefault(FacilityKind.INSTITUTION, KindTally.NONE).facilities(),
                byKind.getOrDefault(FacilityKind.CARE_CENTRE, KindTally.NONE).facilities(),
                byKind.getOrDefault(FacilityKind.STATION, KindTally.NONE).facilities(),
                byKind.getOrDefault(FacilityKind.HOME_CARE, KindTally.NONE).beds());
    }

    public Tally plus(Tally o) {
        return new Tally(residents + o.residents, aged60Plus + o.aged60Plus, aged80Plus + o.aged80Plus,
                disabledElders + o.disabledElders, countedBeds + o.countedBeds, nursingBeds + o.nursingBeds,
                occupiedBeds + o.occupiedBeds, allBeds + o.allBeds, careStaff + o.careStaff,
                institutions + o.institutions, careCentres + o.careCentres, stations + o.stations,
                homeCareBeds + o.homeCareBeds);
    }
}
