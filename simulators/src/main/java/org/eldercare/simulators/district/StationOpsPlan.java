package org.eldercare.simulators.district;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What station-ops holds for a {@link DistrictPlan}'s stations so that their operators can work in
 * the console: each street's station (same id as in visit-service), a service agreement for each of
 * its elders, a week's menu from today, a few bookings for today's lunch, and some history (meals
 * served and services delivered from the first day of last month to yesterday) so that last month's
 * statement has lines. Only the plan, drawn from the district's seed and {@code today} (an
 * Asia/Shanghai day): {@link DistrictLoader} posts it. The same seed and day give the same plan.
 */
public final class StationOpsPlan {

    /** The district's calendar: station-ops counts meal and service days in Asia/Shanghai. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Shijingshan, the district the plan's streets lie in. */
    public static final String DISTRICT = "110107";
    public static final String AGREEMENT_CATEGORY = "BASIC_CARE";

    private static final String[][] LUNCHES = {{"清蒸鲈鱼套餐", "1500", "low-salt"}, {"红烧肉配米饭", "1600", ""},
            {"西红柿炒蛋套餐", "1200", "soft"}, {"宫保鸡丁套餐", "1400", ""}, {"香菇青菜豆腐饭", "1100", "low-sugar"},
            {"土豆炖牛肉套餐", "1800", ""}, {"冬瓜排骨汤套餐", "1300", "low-salt"}};
    private static final String[][] DINNERS = {{"番茄鸡蛋面", "1000", "soft"}, {"小米南瓜粥配包子", "800", "low-sugar"},
            {"白菜猪肉水饺", "1200", ""}, {"鸡蛋羹配米饭", "900", "soft"}};
    private static final String[][] BREAKFASTS = {{"豆浆油条", "400", ""}, {"小米粥鸡蛋", "350", "soft"},
            {"豆腐脑烧饼", "450", ""}};
    private static final String[] CHAINS = {"京福连锁养老", "康乐家连锁驿站"};
    private static final String[] MODES = {"DINE_IN", "DINE_IN", "PICK_UP", "DELIVERY"};
    private static final String[][] SERVICES = {{"HOME_VISIT", "上门探访，血压正常"}, {"CLEANING", "居室保洁"},
            {"PERSONAL_CARE", "助浴前准备、理发"}, {"BATHING", "助浴"}, {"MEDICAL_ESCORT", "陪同复诊"}};

    public record Station(String id, String name, String district, String areaType, int stars, String chainOperator,
                          LocalDate chainJoinedOn, LocalDate operatingSince) {
    }

    /** Keyed by the plan's elder key: the elder's id is the one visit-service gives at registration. */
    public record Agreement(String stationId, String elderKey, LocalDate startDate, String category) {
    }

    public record Dish(String stationId, LocalDate date, String meal, String name, long priceFen, List<String> dietaryTags) {
    }

    /** A booking of today's first lunch dish. */
    public record Booking(String stationId, String elderKey, LocalDate date, String meal, String mode) {
    }

    public record ServedMeal(String stationId, String elderKey, Instant servedAt, String meal, long priceFen) {
    }

    public record ServiceDone(String stationId, String elderKey, String kind, Instant startedAt, int minutes, String staff,
                              String notes) {
    }

    public final LocalDate today;
    public final List<Station> stations = new ArrayList<>();
    public final List<Agreement> agreements = new ArrayList<>();
    public final List<Dish> menu = new ArrayList<>();
    public final List<Booking> bookings = new ArrayList<>();
    public final List<ServedMeal> meals = new ArrayList<>();
    public final List<ServiceDone> services = new ArrayList<>();

    private StationOpsPlan(LocalDate today) {
        this.today = today;
    }

    /** The first day of the history: the first day of last month. */
    public LocalDate historyFrom() {
        return today.withDayOfMonth(1).minusMonths(1);
    }

    public static StationOpsPlan generate(DistrictPlan district, LocalDate today) {
        Random r = new Random(district.seed * 1_000_003L + 17);
        StationOpsPlan p = new StationOpsPlan(today);
        LocalDate lastMonth = p.historyFrom();
        for (DistrictPlan.Street st : district.streets) {
            LocalDate since = lastMonth.minusMonths(24 + r.nextInt(36)).plusDays(r.nextInt(28));
            String chain = null;
            LocalDate joined = null;
            if (r.nextInt(2) == 0) {
                chain = CHAINS[r.nextInt(CHAINS.length)];
                joined = since.plusMonths(r.nextInt(12)).plusDays(r.nextInt(28));
            }
            p.stations.add(new Station(st.stationId(), st.stationName(), DISTRICT, "URBAN", 1 + r.nextInt(4), chain, joined, since));
        }
        for (DistrictPlan.Elder e : district.elders) {
            Station s = stationOf(p, e);
            // Most signed long ago; about one in seven in the middle of last month (a prorated line).
            LocalDate start = r.nextInt(7) == 0
                    ? lastMonth.plusDays(1 + r.nextInt(lastMonth.lengthOfMonth() - 1))
                    : max(s.operatingSince(), lastMonth.minusMonths(r.nextInt(18)).minusDays(r.nextInt(28)));
            p.agreements.add(new Agreement(s.id(), e.key(), start, AGREEMENT_CATEGORY));
        }
        for (Station s : p.stations) {
            for (LocalDate d = today; d.isBefore(today.plusDays(7)); d = d.plusDays(1)) {
                p.menu.add(dish(s.id(), d, "BREAKFAST", BREAKFASTS[r.nextInt(BREAKFASTS.length)]));
                int first = r.nextInt(LUNCHES.length);
                p.menu.add(dish(s.id(), d, "LUNCH", LUNCHES[first]));
                p.menu.add(dish(s.id(), d, "LUNCH", LUNCHES[(first + 1 + r.nextInt(LUNCHES.length - 1)) % LUNCHES.length]));
                p.menu.add(dish(s.id(), d, "DINNER", DINNERS[r.nextInt(DINNERS.length)]));
            }
        }
        for (DistrictPlan.Elder e : district.elders) {
            if (r.nextInt(4) == 0) {
                p.bookings.add(new Booking(stationOf(p, e).id(), e.key(), today, "LUNCH", MODES[r.nextInt(MODES.length)]));
            }
        }
        for (DistrictPlan.Elder e : district.elders) {
            String stationId = stationOf(p, e).id();
            boolean diner = r.nextInt(3) != 0;
            for (LocalDate d = lastMonth; d.isBefore(today); d = d.plusDays(1)) {
                if (diner && r.nextInt(100) < 35) {
                    String[] lunch = LUNCHES[r.nextInt(LUNCHES.length)];
                    p.meals.add(new ServedMeal(stationId, e.key(), at(d, 11, 10 + r.nextInt(80)), "LUNCH", Long.parseLong(lunch[1])));
                }
                if (diner && r.nextInt(100) < 8) {
                    String[] dinner = DINNERS[r.nextInt(DINNERS.length)];
                    p.meals.add(new ServedMeal(stationId, e.key(), at(d, 17, r.nextInt(60)), "DINNER", Long.parseLong(dinner[1])));
                }
            }
            List<String> staff = district.visitors.stream().filter(v -> v.street().equals(e.street())).map(DistrictPlan.Visitor::name).toList();
            int days = (int) (today.toEpochDay() - lastMonth.toEpochDay());
            for (int n = 1 + r.nextInt(3); n > 0 && days > 0; n--) {
                String[] kind = SERVICES[r.nextInt(SERVICES.length)];
                LocalDate d = lastMonth.plusDays(r.nextInt(days));
                p.services.add(new ServiceDone(stationId, e.key(), kind[0], at(d, 9 + r.nextInt(7), 15 * r.nextInt(4)),
                        30 + 15 * r.nextInt(7), staff.isEmpty() ? "驿站值班员" : staff.get(r.nextInt(staff.size())), kind[1]));
            }
        }
        return p;
    }

    /** The card number registered for an elder: unique as the elder's id is. */
    public static String cardOf(String elderId) {
        return "C" + elderId;
    }

    private static Station stationOf(StationOpsPlan p, DistrictPlan.Elder e) {
        return p.stations.stream().filter(s -> s.id().equals(e.street().stationId())).findFirst().orElseThrow();
    }

    private static Dish dish(String stationId, LocalDate d, String meal, String[] dish) {
        return new Dish(stationId, d, meal, dish[0], Long.parseLong(dish[1]), dish[2].isEmpty() ? List.of() : List.of(dish[2]));
    }

    private static Instant at(LocalDate d, int hour, int minutes) {
        return ZonedDateTime.of(d, LocalTime.of(hour, 0).plusMinutes(minutes), ZONE).toInstant();
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
