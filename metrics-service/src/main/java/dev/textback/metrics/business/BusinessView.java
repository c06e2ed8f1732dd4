package dev.textback.metrics.business;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A known business as the reports see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BusinessView(String id, String name, String timeZone, String currency, BigDecimal monthlyCost,
        BigDecimal averageClientValue) {

    static BusinessView of(BusinessEntity b) {
        return new BusinessView(b.id, b.name, b.timeZone, b.currency, b.monthlyCost, b.averageClientValue);
    }
}
