package org.eldercare.beds.bed;

/** 护理型床位 (for elders who need nursing care) versus general beds. */
public enum BedType {
    NURSING, GENERAL
}
