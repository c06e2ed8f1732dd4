package dev.textback.crm.connector;

import dev.textback.crm.delivery.CrmUpdate;

/**
 * An external CRM or automation tool that hears about contacts, interactions and conversions.
 * Called by the delivery worker only (never on a Kafka consumer thread), once per queued update;
 * it must be safe to call again with the same update after a failure (retries).
 */
public interface CrmConnector {

    /** The name used in settings and delivery rows: {@code hubspot}, {@code webhook}. */
    String name();

    /**
     * Delivers one update. Throws {@link DeliveryFailure} to be retried with backoff (or parked as
     * FAILED when {@code permanent}).
     *
     * @param deliveryKey stable across retries of this update, for receivers that deduplicate
     */
    void deliver(String deliveryKey, CrmUpdate update, ConnectorSettings settings) throws DeliveryFailure;
}
