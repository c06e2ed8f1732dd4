package dev.textback.dispatch.lead;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the missed-call decision that are policy, not contract. */
@ConfigMapping(prefix = "textback.decisions")
public interface DecisionSettings {
    /** A call that ended longer ago than this (a backlog after an outage) is not texted: STALE_CALL. */
    @WithDefault("6h")
    Duration maxCallAge();

    /** A caller who replied to the business within this time is in a conversation: ACTIVE_CONVERSATION. */
    @WithDefault("72h")
    Duration activeConversation();
}
