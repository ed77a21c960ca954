package org.eldercare.beds.area;

/** The three tiers of the district's administrative tree: 区 > 街道/乡镇 > 社区/村. */
public enum AreaLevel {
    DISTRICT, STREET, COMMUNITY;

    /** The level a child of an area at this level must have, or null for communities (leaves). */
    public AreaLevel childLevel() {
        return switch (this) {
            case DISTRICT -> STREET;
            case STREET -> COMMUNITY;
            case COMMUNITY -> null;
        };
    }
}
