package org.eldercare.beds.area;

/** An area of the district tree. {@code id} is the caller's code for it (e.g. an administrative code). */
public record Area(String id, String name, AreaLevel level, String parentId) {

    /** Why {@code child} cannot sit under {@code parent} (null parent = no parent), or null when it can. */
    public static String placementProblem(AreaLevel level, Area parent, String parentId) {
        if (level == AreaLevel.DISTRICT) {
            return parentId == null ? null : "a district has no parent area";
        }
        if (parentId == null) {
            return "a " + level.name().toLowerCase() + " needs a parent area";
        }
        if (parent == null) {
            return "parent area '" + parentId + "' does not exist";
        }
        if (parent.level().childLevel() != level) {
            return "a " + level.name().toLowerCase() + " cannot sit under a " + parent.level().name().toLowerCase()
                    + " (district > street > community)";
        }
        return null;
    }
}
