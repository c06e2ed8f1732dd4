package dev.textback.crm.events;

/**
 * One variant of the text a business sends to a caller it missed.
 *
 * @param variant short name used in reports, e.g. {@code A}
 * @param body    the text, with placeholders such as {@code {business}}
 * @param weight  relative share of callers who get this variant
 */
public record TextTemplate(String variant, String body, int weight) {
}
