package dev.textback.metrics.rebuild;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.textback.metrics.db.NativeSql;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import dev.textback.metrics.fold.EventFold;
import dev.textback.metrics.rollup.Rollups;

/**
 * The database side of a rebuild. The new read model is schema {@value #SCHEMA}, created as a copy
 * of the live schema's tables (columns, generated columns, keys, indexes) and its migration history,
 * so after the switch Flyway finds it up to date. Events are folded into it by the very code the live
 * consumers use (EventFold), with the transaction's search_path pointed at the new schema: the rebuilt
 * facts cannot differ from live ones by a second implementation.
 */
@ApplicationScoped
public class RebuildStore {
    public static final String LIVE = "metrics";
    public static final String SCHEMA = "metrics_rebuild";
    static final String RETIRED = "metrics_retired";

    @Inject
    EntityManager em;
    @Inject
    EventFold fold;
    @Inject
    Rollups rollups;

    /** A Kafka record as the fold needs it. */
    public record Rec(String id, String type, String key, String body, boolean tombstone) {
    }

    @Transactional
    public void prepare() {
        sql("drop schema if exists " + SCHEMA + " cascade").execute();
        sql("drop schema if exists " + RETIRED + " cascade").execute();
        sql("create schema " + SCHEMA).execute();
        @SuppressWarnings("unchecked")
        List<String> tables = (List<String>) sql("""
                select table_name from information_schema.tables
                where table_schema = '%s' and table_type = 'BASE TABLE' order by table_name
                """.formatted(LIVE)).results();
        for (String table : tables) {
            sql("create table %s.%s (like %s.%s including all)".formatted(SCHEMA, table, LIVE, table)).execute();
        }
        sql("insert into %s.flyway_schema_history select * from %s.flyway_schema_history".formatted(SCHEMA, LIVE))
                .execute();
    }

    /** Folds a batch in one transaction; any failure rolls the whole batch back (then fold one by one). */
    @Transactional
    public void foldBatch(List<Rec> batch) {
        intoRebuildSchema();
        for (Rec r : batch) {
            apply(r);
        }
    }

    /** One record in its own transaction; false if it can never be applied (the live path dead-letters it). */
    @Transactional
    public void foldOne(Rec r) {
        intoRebuildSchema();
        apply(r);
    }

    private void apply(Rec r) {
        if (r.tombstone()) {
            fold.businessDeleted(r.id(), r.key());
        } else if (r.id() != null && r.type() != null) {
            fold.apply(r.id(), r.type(), r.body());
        }
    }

    /** Recomputes every rollup the folded facts marked (all of them, the first time): may take minutes. */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    public int rollUp() {
        intoRebuildSchema();
        return rollups.refresh();
    }

    /** Swaps the schemas in one transaction and drops the old read model. */
    @Transactional
    public void switchOver() {
        sql("alter schema %s rename to %s".formatted(LIVE, RETIRED)).execute();
        sql("alter schema %s rename to %s".formatted(SCHEMA, LIVE)).execute();
        sql("drop schema %s cascade".formatted(RETIRED)).execute();
    }

    @Transactional
    public void abandon() {
        sql("drop schema if exists " + SCHEMA + " cascade").execute();
    }

    private void intoRebuildSchema() {
        sql("set local search_path to " + SCHEMA).execute();
    }

    private NativeSql sql(String statement) {
        return NativeSql.of(em, statement);
    }
}
