package org.eldercare.beds.coverage;

/**
 * What one community holds of one kind of facility on a date: facilities open, their care staff,
 * their beds in service by type, and how many of those beds are occupied.
 */
public record KindTally(long facilities, long careStaff, long nursingBeds, long generalBeds, long occupiedBeds) {

    public static final KindTally NONE = new KindTally(0, 0, 0, 0, 0);

    public long beds() {
        return nursingBeds + generalBeds;
    }

    public KindTally plus(KindTally o) {
        return new KindTally(facilities + o.facilities, careStaff + o.careStaff, nursingBeds + o.nursingBeds,
                generalBeds + o.generalBeds, occupiedBeds + o.occupiedBeds);
    }
}
