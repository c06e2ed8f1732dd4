package dev.textback.crm.conversion;

import java.math.BigDecimal;

/** A later, real value for a conversion (the invoice arrived), optionally in another currency. */
public record ValuePatch(BigDecimal value, String currency) {
}
