package org.eldercare.visits.elder;

/** Why an elder is in the programme; an elder can be in several. Terms fixed in the glossary. */
public enum CareCategory {
    /** 独居 */
    LIVING_ALONE,
    /** 空巢 */
    EMPTY_NEST,
    /** 失能 */
    DISABLED,
    /** 半失能 */
    SEMI_DISABLED,
    /** 高龄 (80 and over) */
    AGED_80_PLUS,
    /** 低保 */
    SUBSISTENCE_ALLOWANCE,
    /** 特困 */
    EXTREME_POVERTY
}
