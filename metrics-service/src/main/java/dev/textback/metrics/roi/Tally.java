package dev.textback.metrics.roi;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.textback.metrics.business.BusinessEntity;

/** Counts and sums of one bucket (a period or a month) as they are read, before any arithmetic. */
final class Tally {
    long inbound;
    long missed;
    long leads;
    long texted;
    long delivered;
    long replied;
    long converted;
    long optedOut;
    BigDecimal revenue = BigDecimal.ZERO;
    BigDecimal estimated = BigDecimal.ZERO;
    BigDecimal sms = BigDecimal.ZERO;
    final Map<String, Long> suppressed = new LinkedHashMap<>();
    final SpeedHistogram speed = new SpeedHistogram();
    long allConversions;
    BigDecimal allConversionsValue = BigDecimal.ZERO;

    RoiSummary summarize(BusinessEntity business, Period period, View view) {
        RoiInputs in = new RoiInputs(business.id, period.from(), period.to(), business.currency, business.monthlyCost,
                inbound, missed, leads, texted, suppressed, delivered, replied, converted, revenue, estimated, sms);
        return RoiCalculator.summarize(in, new RoiExtras(view, optedOut, speed, business.averageClientValue,
                allConversions, allConversionsValue));
    }
}
