package org.eldercare.simulators.district;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A reproducible demo district: streets with communities, elders with care categories and homes
 * near their community centre, a family member for each elder, patrol visitors per street and a
 * station per street. Only the plan: {@link DistrictLoader} creates it through the services' APIs.
 * The same seed always gives the same district.
 */
public final class DistrictPlan {

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"};
    private static final String[] GIVEN_OLD = {"秀兰", "桂英", "淑珍", "玉兰", "凤英", "建国", "德明", "志强", "国华", "文彬", "永福", "秀珍", "春华", "宝林"};
    private static final String[] GIVEN_YOUNG = {"强", "敏", "静", "磊", "洋", "艳", "军", "杰", "娜", "涛"};
    private static final String[] STREETS = {"八角街道", "古城街道", "苹果园街道", "金顶街街道", "鲁谷街道"};
    private static final String[] RELATIONS = {"SON", "DAUGHTER", "SPOUSE", "NEPHEW", "GRANDCHILD"};
    private static final String[][] CATEGORY_SETS = {
            {"LIVING_ALONE", "AGED_80_PLUS"}, {"EMPTY_NEST"}, {"DISABLED"}, {"SEMI_DISABLED", "EMPTY_NEST"},
            {"LIVING_ALONE"}, {"AGED_80_PLUS"}, {"SUBSISTENCE_ALLOWANCE", "LIVING_ALONE"}, {"EMPTY_NEST"}};

    public record Street(String code, String name, double lat, double lon, String stationId, String stationName) {
    }

    public record Elder(String key, String name, String gender, String birthDate, String nationalId, Street street,
                        String address, double lat, double lon, List<String> categories, String familyUserId,
                        String familyName, String familyRelation, String familyPhone) {
    }

    public record Visitor(String key, String name, String phone, Street street) {
    }

    public final List<Street> streets = new ArrayList<>();
    public final List<Elder> elders = new ArrayList<>();
    public final List<Visitor> visitors = new ArrayList<>();
    /** The seed the plan was drawn from; {@link StationOpsPlan} draws the stations' daily work from it too. */
    public long seed;

    /** @param runTag distinguishes the users and ids of one run from another's in a shared database */
    public static DistrictPlan generate(long seed, int elderCount, String runTag) {
        Random r = new Random(seed);
        // Identity numbers must be unique in the database across runs; everything else repeats with the seed.
        Random ids = new Random(seed * 31 + runTag.hashCode());
        DistrictPlan plan = new DistrictPlan();
        plan.seed = seed;
        int streetCount = Math.min(STREETS.length, Math.max(1, elderCount / 20 + 1));
        for (int s = 0; s < streetCount; s++) {
            String code = "110107" + String.format("%03d", s + 1);
            plan.streets.add(new Street(code, STREETS[s], 39.905 + s * 0.012, 116.200 + s * 0.015,
                    "ST-" + runTag + "-" + (s + 1), STREETS[s].replace("街道", "") + "社区养老服务驿站"));
        }
        for (Street st : plan.streets) {
            for (int v = 0; v < 2; v++) {
                String name = SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN_YOUNG[r.nextInt(GIVEN_YOUNG.length)];
                plan.visitors.add(new Visitor("v-" + runTag + "-" + st.code() + "-" + v, name, phone(r, "139"), st));
            }
        }
        for (int i = 0; i < elderCount; i++) {
            Street st = plan.streets.get(i % plan.streets.size());
            String surname = SURNAMES[r.nextInt(SURNAMES.length)];
            boolean female = r.nextBoolean();
            int birthYear = 1936 + r.nextInt(25);
            String birth = String.format("%d-%02d-%02d", birthYear, 1 + r.nextInt(12), 1 + r.nextInt(28));
            double lat = st.lat() + (r.nextDouble() - 0.5) * 0.01;
            double lon = st.lon() + (r.nextDouble() - 0.5) * 0.012;
            String family = surname + GIVEN_YOUNG[r.nextInt(GIVEN_YOUNG.length)];
            plan.elders.add(new Elder("e" + i, surname + GIVEN_OLD[r.nextInt(GIVEN_OLD.length)], female ? "FEMALE" : "MALE",
                    birth, nationalId(ids, birth, female), st,
                    "北京市石景山区" + st.name() + (1 + r.nextInt(40)) + "号院" + (1 + r.nextInt(8)) + "-" + (101 + r.nextInt(500)),
                    lat, lon, List.of(CATEGORY_SETS[r.nextInt(CATEGORY_SETS.length)]),
                    "u-" + runTag + "-" + i, family, RELATIONS[r.nextInt(RELATIONS.length)], phone(r, "138")));
        }
        return plan;
    }

    private static String phone(Random r, String prefix) {
        return prefix + String.format("%08d", r.nextInt(100_000_000));
    }

    /** A syntactically valid 18-digit resident ID (GB 11643 check digit) for a fictional person. */
    static String nationalId(Random r, String birthDate, boolean female) {
        String body = "110107" + birthDate.replace("-", "") + String.format("%02d", r.nextInt(100))
                + (female ? 2 * r.nextInt(5) : 2 * r.nextInt(5) + 1);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        char[] checks = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + checks[sum % 11];
    }
}
