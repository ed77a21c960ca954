package org.eldercare.beds.facility;

/** Who owns and who runs a facility. */
public enum OwnerType {
    /** 公办 */
    PUBLIC,
    /** 民办 */
    PRIVATE,
    /** 公建民营: built with public money, run by a private operator. */
    PUBLIC_BUILT_PRIVATE_RUN
}
