package org.eldercare.stationops.meal;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eldercare.stationops.subsidy.Facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class MealDtos {

    private MealDtos() {
    }

    public record MenuItemRequest(@NotNull LocalDate date, @NotNull Facts.Meal meal, @NotBlank @Size(max = 200) String name,
                                  @NotNull @Min(0) Long priceFen,
                                  List<@NotBlank @Pattern(regexp = "[a-z0-9-]{1,32}", message = "lower-case tag such as low-salt") String> dietaryTags) {
    }

    public record MenuItemView(UUID id, String stationId, LocalDate date, Facts.Meal meal, String name, long priceFen,
                               List<String> dietaryTags) {
    }

    public record BookingRequest(@NotBlank @Size(max = 64) String elderId, @NotNull LocalDate date, @NotNull Facts.Meal meal,
                                 UUID menuItemId, @NotNull MealMode mode,
                                 List<@NotBlank @Size(max = 64) String> dietaryNeeds) {
    }

    public record BookingView(UUID id, String stationId, String elderId, LocalDate date, Facts.Meal meal, UUID menuItemId,
                              MealMode mode, List<String> dietaryNeeds, BookingStatus status) {
    }

    /**
     * A meal handed over at the counter: the elder by id or by card, the menu item (or meal and
     * price). A counter that worked offline sends {@code servedAt} and the {@code offlineSubsidyFen}
     * it already deducted, because the elder has paid that price.
     */
    public record ServeRequest(@Size(max = 64) String elderId, @Size(max = 64) String cardNo, UUID menuItemId,
                               Facts.Meal meal, @Min(0) Long priceFen, UUID bookingId, Instant servedAt,
                               @Min(0) Long offlineSubsidyFen) {
    }

    public record ServedView(UUID id, String stationId, String elderId, LocalDate serviceDate, Facts.Meal meal,
                             UUID menuItemId, UUID bookingId, MealMode mode, long priceFen, long subsidyFen,
                             long elderPaysFen, Instant servedAt, boolean offline, String subsidyReason, Instant voidedAt,
                             String voidReason) {
    }

    public record VoidRequest(@jakarta.validation.constraints.NotBlank @Size(max = 500) String reason) {
    }

    public record MealCount(long booked, long cancelled, long served, long subsidised, Map<MealMode, Long> servedByMode,
                            long priceFen, long subsidyFen, long elderPaidFen) {
    }

    public record DailyCounts(String stationId, LocalDate date, Map<Facts.Meal, MealCount> byMeal, long diners,
                              long served, long priceFen, long subsidyFen, long elderPaidFen) {
    }
}
