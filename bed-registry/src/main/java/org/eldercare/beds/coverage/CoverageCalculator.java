package org.eldercare.beds.coverage;

import org.eldercare.beds.area.AreaLevel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Coverage arithmetic. Counts are summed from communities up; ratios are rounded half-up to two
 * decimals; a required count is rounded up (a target of "at least 7 per 1,000" for 1,001 residents
 * needs 8 beds, not 7.007), and a gap is the required count minus what exists, floored at zero.
 */
public final class CoverageCalculator {

    private static final int SCALE = 2;

    private CoverageCalculator() {
    }

    /** An area of the tree being rolled up. */
    public record Node(String id, String name, AreaLevel level, String parentId) {
    }

    /**
     * Coverage of {@code rootId} and everything below it.
     *
     * @param areas       the root and all its descendants
     * @param communities the tally of each community that has population or facilities; others count as zero
     * @param target      the applicable targets, or null when no plan applies
     */
    public static AreaCoverage rollUp(String rootId, List<Node> areas, Map<String, Tally> communities, CoverageTarget target) {
        Node root = areas.stream().filter(a -> a.id().equals(rootId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("root " + rootId + " is not among the areas"));
        return build(root, areas, communities, target);
    }

    private static AreaCoverage build(Node node, List<Node> areas, Map<String, Tally> communities, CoverageTarget target) {
        List<AreaCoverage> children = new ArrayList<>();
        Tally tally;
        if (node.level() == AreaLevel.COMMUNITY) {
            tally = communities.getOrDefault(node.id(), Tally.ZERO);
        } else {
            tally = Tally.ZERO;
            List<Node> kids = areas.stream().filter(a -> node.id().equals(a.parentId()))
                    .sorted(Comparator.comparing(Node::id)).toList();
            for (Node kid : kids) {
                AreaCoverage c = build(kid, areas, communities, target);
                children.add(c);
                tally = tally.plus(tallyOf(c));
            }
        }
        return figures(node, tally, target, children);
    }

    /** The counts of a computed coverage, for summing it into its parent. */
    static Tally tallyOf(AreaCoverage c) {
        return new Tally(c.residents(), c.aged60Plus(), c.aged80Plus(), c.disabledElders(), c.countedBeds(),
                c.nursingBeds(), c.occupiedBeds(), c.allBeds(), c.careStaff(), c.institutions(), c.careCentres(),
                c.stations(), c.homeCareBeds());
    }

    /** Every figure of one area from its counts. */
    public static AreaCoverage figures(Node node, Tally t, CoverageTarget target, List<AreaCoverage> children) {
        BigDecimal bedsTarget = target == null ? null : target.bedsPer1000();
        BigDecimal nursingTarget = target == null ? null : target.nursingSharePercent();
        BigDecimal staffTarget = target == null ? null : target.careStaffPer10000Elders();
        Long requiredBeds = required(bedsTarget, t.residents(), 1_000);
        Long requiredNursing = required(nursingTarget, t.countedBeds(), 100);
        Long requiredStaff = required(staffTarget, t.aged60Plus(), 10_000);
        // Absolute counts of a plan (so many stations, so many care centres) are targets for the plan's
        // own area; splitting them over streets would invent a target the plan does not set.
        boolean planArea = target != null && node.id().equals(target.planAreaId());
        Integer stationsTarget = planArea ? target.stations() : null;
        Integer centresTarget = planArea ? target.careCentres() : null;
        Integer homeTarget = planArea ? target.homeCareBeds() : null;
        return new AreaCoverage(node.id(), node.name(), node.level(),
                t.residents(), t.aged60Plus(), t.aged80Plus(), t.disabledElders(),
                t.countedBeds(), t.nursingBeds(), t.countedBeds() - t.nursingBeds(), t.occupiedBeds(), t.allBeds(),
                ratio(t.countedBeds(), 1_000, t.residents()), bedsTarget, requiredBeds, gap(requiredBeds, t.countedBeds()),
                ratio(t.nursingBeds(), 100, t.countedBeds()), nursingTarget, requiredNursing, gap(requiredNursing, t.nursingBeds()),
                ratio(t.occupiedBeds(), 100, t.countedBeds()),
                t.careStaff(), ratio(t.careStaff(), 10_000, t.aged60Plus()), staffTarget, requiredStaff, gap(requiredStaff, t.careStaff()),
                t.institutions(), t.careCentres(), t.stations(), t.homeCareBeds(),
                stationsTarget, gap(stationsTarget, t.stations()),
                centresTarget, gap(centresTarget, t.careCentres()),
                homeTarget, gap(homeTarget, t.homeCareBeds()),
                List.copyOf(children));
    }

    /** {@code numerator * per / denominator}, half-up to two decimals; null when the denominator is zero. */
    public static BigDecimal ratio(long numerator, long per, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(per))
                .divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_UP);
    }

    /** The whole count needed to meet {@code rate} per {@code per} of {@code base}, rounded up; null without a rate. */
    public static Long required(BigDecimal rate, long base, long per) {
        if (rate == null) {
            return null;
        }
        return rate.multiply(BigDecimal.valueOf(base))
                .divide(BigDecimal.valueOf(per), 0, RoundingMode.CEILING).longValueExact();
    }

    private static Long gap(Number required, long actual) {
        return required == null ? null : Math.max(0, required.longValue() - actual);
    }
}
