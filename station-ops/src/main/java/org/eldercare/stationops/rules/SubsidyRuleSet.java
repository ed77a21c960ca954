package org.eldercare.stationops.rules;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eldercare.stationops.subsidy.SubsidyRules;
import org.eldercare.web.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

/** One stored version of a district's subsidy rules ('*' = every district without its own). */
@Entity
@Table(name = "subsidy_rule_set")
public class SubsidyRuleSet extends PanacheEntityBase {

    public static final String ANY_DISTRICT = "*";

    @Id
    public UUID id;
    public String district;
    public LocalDate effectiveFrom;
    public long basicPerElderFen;
    public long ruralFlatFen;
    public int ruralThresholdElders;
    public long star2Fen;
    public long star3PlusFen;
    public long chainPerStationFen;
    public String chainAnniversaryYears;
    public long mealAssistFen;
    public long mealMinPriceFen;
    public long mealOperatingFen;
    public Long respitePerBedDayFen;
    public int jumpThresholdPercent;
    public String note;
    public Instant createdAt;
    public String createdBy;

    public SubsidyRules toRules() {
        return new SubsidyRules(basicPerElderFen, ruralFlatFen, ruralThresholdElders, star2Fen, star3PlusFen,
                chainPerStationFen, Arrays.stream(chainAnniversaryYears.split(",")).filter(s -> !s.isBlank())
                .map(s -> Integer.valueOf(s.trim())).toList(),
                mealAssistFen, mealMinPriceFen, mealOperatingFen, respitePerBedDayFen, jumpThresholdPercent);
    }

    /**
     * The rules in force on {@code day} for {@code district}: the district's own latest version
     * effective on or before that day, else the default's.
     */
    public static Uni<SubsidyRuleSet> inForce(String district, LocalDate day) {
        return SubsidyRuleSet.<SubsidyRuleSet>find("district = ?1 and effectiveFrom <= ?2 order by effectiveFrom desc", district, day)
                .<SubsidyRuleSet>firstResult()
                .flatMap(own -> own != null ? Uni.createFrom().item(own)
                        : SubsidyRuleSet.<SubsidyRuleSet>find("district = ?1 and effectiveFrom <= ?2 order by effectiveFrom desc",
                        ANY_DISTRICT, day).<SubsidyRuleSet>firstResult())
                .map(r -> {
                    if (r == null) {
                        throw ProblemException.unprocessable("No subsidy rules are in force for district '" + district + "' on " + day + ".");
                    }
                    return r;
                });
    }
}
