package org.eldercare.visits.elder;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A care recipient. Nullable policy columns are per-elder overrides of the district defaults
 * ({@link CarePolicy}); {@code version} is the care-circle version, bumped on every change to the
 * elder or their circle, and doubles as the optimistic-concurrency token of the admin API.
 */
@Entity
@Table(name = "elder")
public class Elder extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "national_id_cipher")
    public String nationalIdCipher;
    @Column(name = "national_id_hash")
    public String nationalIdHash;
    @Column(name = "national_id_masked")
    public String nationalIdMasked;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    public String gender;
    public String address;
    @Column(name = "home_lat")
    public double homeLat;
    @Column(name = "home_lon")
    public double homeLon;
    @Column(name = "area_code")
    public String areaCode;
    @Column(name = "station_id")
    public String stationId;
    /** Comma-separated {@link CareCategory} names. */
    @Column(name = "care_categories")
    public String careCategories;
    @Column(name = "risk_level")
    public String riskLevel;
    @Column(name = "checkin_enabled")
    public Boolean checkInEnabled;
    @Column(name = "checkin_deadline")
    public String checkInDeadline;
    @Column(name = "safe_zone_enabled")
    public boolean safeZoneEnabled;
    @Column(name = "safe_zone_radius")
    public Integer safeZoneRadius;
    @Column(name = "safe_zone_lat")
    public Double safeZoneLat;
    @Column(name = "safe_zone_lon")
    public Double safeZoneLon;
    @Column(name = "hr_min")
    public Integer hrMin;
    @Column(name = "hr_max")
    public Integer hrMax;
    @Column(name = "spo2_min")
    public Integer spo2Min;
    @Column(name = "monitoring_consent")
    public boolean monitoringConsent;
    @Column(name = "consent_at")
    public Instant consentAt;
    public boolean active;
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public Set<CareCategory> categories() {
        if (careCategories == null || careCategories.isBlank()) {
            return EnumSet.noneOf(CareCategory.class);
        }
        return Arrays.stream(careCategories.split(",")).map(CareCategory::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(CareCategory.class)));
    }

    public void categories(Set<CareCategory> set) {
        careCategories = set.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }
}
