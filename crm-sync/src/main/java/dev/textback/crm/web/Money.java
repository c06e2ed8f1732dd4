package dev.textback.crm.web;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Amounts are stored as numeric(14,4): these checks keep a request from overflowing the column (a 500). */
public final class Money {
    public static final BigDecimal MAX = new BigDecimal("9999999999.9999");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private Money() {
    }

    /** Adds an error for {@code field} unless the amount is a non-negative value with at most 4 decimals. */
    public static void check(String field, BigDecimal amount, List<FieldError> errors) {
        if (amount.signum() < 0) {
            errors.add(new FieldError(field, "must be >= 0"));
        } else if (amount.compareTo(MAX) > 0) {
            errors.add(new FieldError(field, "must be <= " + MAX.toPlainString()));
        } else if (amount.stripTrailingZeros().scale() > 4) {
            errors.add(new FieldError(field, "must have at most 4 decimal places"));
        }
    }

    public static boolean isCurrency(String code) {
        return code != null && code.matches("^[A-Z]{3}$") && CURRENCIES.contains(code);
    }

    /** {@code 150.0000} from the database is shown as {@code 150}, {@code 99.5000} as {@code 99.5}. */
    public static BigDecimal normalize(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
