package dev.textback.metrics.rebuild;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.textback.metrics.db.NativeSql;
import dev.textback.metrics.fold.BatchFold;
import dev.textback.metrics.fold.EventFold;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
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
    BatchFold batchFold;
    @Inject
    Rollups rollups;

    /** A Kafka record as the fold needs it. */
    public record Rec(String id, String type, String key, String body, boolean tombstone) {
        BatchFold.Event event() {
            return new BatchFold.Event(id, type, key, body, tombstone);
        }
    }

    /** The live schema's secondary indexes, built in the new schema once the bulk of the facts is in. */
    private final List<String> deferredIndexes = new ArrayList<>();

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
        // Secondary indexes slow every upsert of the replay and are cheaper to build once at the end
        // (bulk-load practice). LIKE ... INCLUDING ALL copied them under generated names: drop those and
        // keep the live definitions, which also keeps the live index names (later migrations name them).
        deferredIndexes.clear();
        for (Object def : secondaryIndexes(LIVE, "indexdef")) {
            String ddl = ((String) def).replace(" ON " + LIVE + ".", " ON " + SCHEMA + ".");
            if (!ddl.contains(" ON " + SCHEMA + ".")) {
                throw new IllegalStateException("unexpected index definition: " + def);
            }
            deferredIndexes.add(ddl);
        }
        for (Object name : secondaryIndexes(SCHEMA, "indexname")) {
            sql("drop index %s.%s".formatted(SCHEMA, name)).execute();
        }
    }

    /** Indexes that back no constraint (primary keys stay: the upserts need them). */
    private List<?> secondaryIndexes(String schema, String column) {
        return sql("""
                select %s from pg_indexes where schemaname = '%s'
                and indexname not in (select conname from pg_constraint where connamespace = '%s'::regnamespace)
                order by indexname
                """.formatted(column, schema, schema)).results();
    }

    /**
     * After the bulk replay: builds the deferred indexes, then marks every lead and every local day with
     * calls, suppressions or conversions for the refresher (the bulk replay marks nothing, since all of it is new).
     */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    public void finishBulkLoad() {
        sql("set local maintenance_work_mem = '128MB'").execute();
        for (String def : deferredIndexes) {
            sql(def).execute();
        }
        intoRebuildSchema();
        // Fresh statistics, as autovacuum would gather after a bulk load: without them the refresher's
        // per-lead lookups may be planned as scans of whole tables.
        for (String table : List.of("lead_fact", "call_fact", "text_fact", "suppression_fact", "conversion_fact",
                "business")) {
            sql("analyze " + table).execute();
        }
        sql("insert into dirty_lead (lead_id) select lead_id from lead_fact on conflict do nothing").execute();
        sql("""
                insert into dirty_day (business_id, day)
                select distinct x.business_id, (x.at at time zone coalesce(b.time_zone, 'UTC'))::date
                from (select business_id, ended_at as at from call_fact where ended_at is not null
                      union all
                      select business_id, missed_at from suppression_fact where missed_at is not null
                      union all
                      select business_id, occurred_at from conversion_fact where occurred_at is not null) x
                left join business b on b.id = x.business_id
                on conflict do nothing
                """).execute();
    }

    /** Parses and checks a batch (no database): may run on another thread while the previous batch is written. */
    public BatchFold.Prepared parse(List<Rec> batch) {
        List<BatchFold.Event> events = new ArrayList<>(batch.size());
        for (Rec r : batch) {
            events.add(r.event());
        }
        return batchFold.prepare(events);
    }

    /**
     * Writes a prepared batch in one transaction, set-based (BatchFold); any failure rolls the whole batch
     * back and the caller folds it one by one. {@code mark}: mark what it touched for the refresher (false
     * during the bulk replay, see {@link #finishBulkLoad()}).
     */
    @Transactional
    public void write(BatchFold.Prepared batch, boolean mark) {
        intoRebuildSchema();
        // A crash loses nothing that matters: an unfinished rebuild is abandoned and started again.
        sql("set local synchronous_commit = off").execute();
        batchFold.write(batch, mark);
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

    /**
     * Recomputes every rollup the folded facts marked (all of them, the first time): may take minutes, in
     * the refresher's bounded chunks, each its own transaction in the new schema.
     */
    public int rollUp() {
        return rollups.refresh(SCHEMA);
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
