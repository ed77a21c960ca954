package org.eldercare.visits;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import org.eldercare.visits.elder.CareCategory;
import org.eldercare.visits.elder.CarePolicy;
import org.eldercare.visits.elder.NationalIdProtector;
import org.eldercare.visits.plan.VisitRule;
import org.eldercare.visits.plan.VisitRules;

import java.util.Base64;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;

/** Builds the plain-Java domain objects from configuration, once; a bad setting stops the start. */
public class DomainProducers {

    @Produces
    @Singleton
    NationalIdProtector nationalIdProtector(VisitSettings settings) {
        return new NationalIdProtector(Base64.getDecoder().decode(settings.nationalId().encryptionKey()),
                Base64.getDecoder().decode(settings.nationalId().hashKey()));
    }

    @Produces
    @Singleton
    CarePolicy carePolicy(VisitSettings settings) {
        VisitSettings.CareDefaults c = settings.care();
        return new CarePolicy(new HashSet<>(c.dailyCheckInCategories()), c.checkInDeadline(), c.safeZoneRadiusMeters(),
                c.hrMin().orElse(null), c.hrMax().orElse(null), c.spo2Min().orElse(null));
    }

    @Produces
    @Singleton
    VisitRules visitRules(VisitSettings settings) {
        Map<CareCategory, VisitRule> rules = new EnumMap<>(CareCategory.class);
        settings.rules().category().forEach((k, v) -> rules.put(CareCategory.valueOf(k), VisitRule.parse(v)));
        return new VisitRules(settings.rules().version(), rules, VisitRule.parse(settings.rules().fallback()));
    }
}
