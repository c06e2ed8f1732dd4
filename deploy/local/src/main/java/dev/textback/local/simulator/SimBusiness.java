package dev.textback.local.simulator;

import java.math.BigDecimal;
import java.time.ZoneId;

/** A business the simulator creates in crm-sync and then plays callers, replies and bookings for. */
public record SimBusiness(String id, String name, String timeZone, String number, BigDecimal averageClientValue,
        BigDecimal monthlyCost, String template) {

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The number as Vonage writes it: E.164 without the '+'. */
    public String vonageNumber() {
        return number.substring(1);
    }

    public String createRequestJson() {
        return createRequestJson(null, 0);
    }

    /** With one follow-up step ({@code body}, {@code delayMinutes} after the first text) unless body is null. */
    public String createRequestJson(String followUpBody, int delayMinutes) {
        String followUps = followUpBody == null ? ""
                : ",\"followUps\":[{\"step\":1,\"delayMinutes\":" + delayMinutes + ",\"body\":\"" + followUpBody + "\"}]";
        return """
                {"businessId":"%s","name":"%s","country":"US","timeZone":"%s","numbers":["%s"],
                 "template":"%s","averageClientValue":%s,"monthlyCost":%s,"currency":"USD"%s}
                """.formatted(id, name, timeZone, number, template, averageClientValue.toPlainString(),
                monthlyCost.toPlainString(), followUps);
    }
}
