package dev.textback.crm.outbox;

/** CDI event fired for each outbox row; observed after commit to publish without waiting for the next tick. */
public record OutboxWritten(String topic) {
}
