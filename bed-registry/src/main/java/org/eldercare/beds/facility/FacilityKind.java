package org.eldercare.beds.facility;

/** The four kinds of elderly-care facility the district plans for. */
public enum FacilityKind {
    /** 养老机构: a residential care institution. */
    INSTITUTION,
    /** 养老照料中心: a street-level care centre. */
    CARE_CENTRE,
    /** 社区养老服务驿站: a community elderly-care service station. */
    STATION,
    /** 家庭照护床位: a provider's home-care beds, each set up in an elder's home. */
    HOME_CARE
}
