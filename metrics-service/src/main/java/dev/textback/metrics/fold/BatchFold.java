package dev.textback.metrics.fold;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ObjLongConsumer;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.calls.events.CallEnded;
import dev.textback.calls.events.CallTopic;
import dev.textback.crm.events.BusinessTopic;
import dev.textback.crm.events.ConversionRecorded;
import dev.textback.crm.events.CrmTopic;
import dev.textback.texts.events.OptOutChanged;
import dev.textback.texts.events.ReplyReceived;
import dev.textback.texts.events.TextSent;
import dev.textback.texts.events.TextStatus;
import dev.textback.texts.events.TextStatusChanged;
import dev.textback.texts.events.TextSuppressed;
import dev.textback.texts.events.TextTopic;

/**
 * The rebuild's fold: the same facts as {@link EventFold}, but thousands of events per statement.
 * <p>
 * Folding event by event costs four to six statements, each a round trip, per event. Here the events
 * of a batch are parsed and checked first (bad input throws before anything is written, and the caller
 * then folds the batch event by event, which skips exactly what the live path dead-letters), their ids
 * are recorded in one statement (only the first sighting of an id is applied), and each kind of write
 * is one multi-row upsert fed by arrays ({@code insert ... select from unnest(...)}) with the very
 * {@code on conflict} merge the per-event code uses (the {@code *_MERGE} constants of
 * {@link LeadFacts}, {@link TextFacts}, {@link CallFacts}, {@link ConversionFacts}). One statement cannot
 * update a row twice, so an event whose row already appears earlier in the batch for the same kind of
 * write goes into a second round (third, ...), keeping the order of events per row. The merges were
 * written to give the same row in any arrival order, which is what makes grouping by kind of write
 * equal to folding one by one; RebuildTest checks it against the live fold.
 * <p>
 * Business profiles and tombstones are rare and may change a time zone (which decides local days):
 * they are folded one by one, in order, between the runs of other events around them.
 */
@ApplicationScoped
public class BatchFold {
    @Inject
    EntityManager em;
    @Inject
    EventJson json;
    @Inject
    EventFold fold;

    // Where a rebuild's fold time goes (reported when it ends): parsing (which may overlap the writes of
    // the batch before), and the database's writes.
    private final AtomicLong parseNanos = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    // ... and the writes by statement, to see which kind of write a faster rebuild has to make cheaper.
    private final Map<String, LongAdder> statementNanos = new ConcurrentSkipListMap<>();

    /**
     * Seconds spent parsing and writing since the last call, as "parse X s, write Y s (event ids A s, ...)",
     * the statements slowest first; resets them.
     */
    public String timings() {
        StringBuilder byStatement = new StringBuilder();
        statementNanos.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().sumThenReset()))
                .filter(e -> e.getValue() >= 5_000_000) // what would print as 0.00 s
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> byStatement.append(byStatement.isEmpty() ? "" : ", ")
                        .append(String.format("%s %.2f s", e.getKey(), e.getValue() / 1e9)));
        return String.format("parse %.2f s, write %.2f s (%s)", parseNanos.getAndSet(0) / 1e9,
                writeNanos.getAndSet(0) / 1e9, byStatement);
    }

    private void timed(String statement, long startNanos) {
        statementNanos.computeIfAbsent(statement, k -> new LongAdder()).add(System.nanoTime() - startNanos);
    }

    /** A record of a topic: CloudEvent id and type, Kafka key, body; a tombstone has a null body. */
    public record Event(String id, String type, String key, String body, boolean tombstone) {
    }

    /**
     * Folds the events in the caller's transaction. With {@code mark} false nothing is marked for the
     * rollup refresher: the caller marks everything at once afterwards (a first build of a fresh schema).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<Event> events, boolean mark) {
        write(prepare(events), mark);
    }

    /** A batch parsed and checked, ready to write: runs of events, and business events in between. */
    public record Prepared(List<Object> parts) {
    }

    private record Run(List<Event> events, List<Object> parsed, Set<String> ids) {
    }

    /**
     * The Java half of a batch: parses and checks every record (bad input throws here, before anything is
     * written). Touches no database and no transaction, so it may run on another thread while the
     * previous batch is written.
     */
    public Prepared prepare(List<Event> events) {
        long t0 = System.nanoTime();
        List<Object> parts = new ArrayList<>();
        List<Event> run = new ArrayList<>();
        for (Event e : events) {
            if (e.tombstone() || (BusinessTopic.BUSINESS_PROFILE.equals(e.type()) && e.id() != null)) {
                parts.add(parse(run));
                run = new ArrayList<>();
                parts.add(e);
            } else if (e.id() != null && e.type() != null) {
                run.add(e); // no id or type: cannot be recorded as processed; the live path dead-letters it
            }
        }
        parts.add(parse(run));
        parseNanos.addAndGet(System.nanoTime() - t0);
        return new Prepared(parts);
    }

    /** The database half, in the caller's transaction: business events one by one, runs set-based. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(Prepared prepared, boolean mark) {
        long t0 = System.nanoTime();
        for (Object part : prepared.parts()) {
            if (part instanceof Run run) {
                write(run, mark);
            } else if (part instanceof Event e && e.tombstone()) {
                fold.businessDeleted(e.id(), e.key());
            } else if (part instanceof Event e) {
                fold.apply(e.id(), e.type(), e.body());
            }
        }
        writeNanos.addAndGet(System.nanoTime() - t0);
    }

    private Run parse(List<Event> run) {
        // Parsing is most of the Java work of a batch: both cores parse.
        Object[] all = new Object[run.size()];
        IntStream.range(0, all.length).parallel().forEach(i -> {
            Event e = run.get(i);
            if (EventFold.isUsed(e.type())) { // others are ignored, and not recorded, exactly as EventFold does
                if (e.body() == null) {
                    throw new MalformedEventException("event " + e.id() + " of type " + e.type() + " has no body");
                }
                all[i] = parse(e);
            }
        });
        List<Event> used = new ArrayList<>(run.size());
        List<Object> parsed = new ArrayList<>(run.size());
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < all.length; i++) {
            if (all[i] != null && ids.add(run.get(i).id())) { // a second copy of an id in a run is a duplicate
                used.add(run.get(i));
                parsed.add(all[i]);
            }
        }
        return new Run(used, parsed, ids);
    }

    private void write(Run run, boolean mark) {
        if (run.events().isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> {
            long t0 = System.nanoTime();
            Set<String> fresh = firstTime(c, run.ids());
            timed("event ids", t0);
            Writes w = new Writes();
            for (int i = 0; i < run.events().size(); i++) {
                if (fresh.contains(run.events().get(i).id())) {
                    w.add(run.events().get(i).id(), run.parsed().get(i));
                }
            }
            w.execute(c, mark, this::timed);
        });
    }

    /**
     * Parses and checks one record. Straight into the record (no tree, see {@link EventJson#parse}), except
     * a suppression whose reason is not a known constant: EventFold keeps the raw string, so does this.
     */
    private Object parse(Event e) {
        String body = e.body();
        return switch (e.type()) {
            case CallTopic.CALL_ENDED -> check(json.parse(body, CallEnded.class));
            case TextTopic.TEXT_SENT -> check(json.parse(body, TextSent.class));
            case TextTopic.TEXT_STATUS_CHANGED -> check(json.parse(body, TextStatusChanged.class));
            case TextTopic.TEXT_SUPPRESSED -> {
                TextSuppressed x = check(json.parse(body, TextSuppressed.class));
                String reason = x.reason() != null ? x.reason().name() : json.tree(body).path("reason").asText("");
                yield new Suppressed(x, reason.isBlank() ? "UNKNOWN" : reason);
            }
            case TextTopic.REPLY_RECEIVED -> check(json.parse(body, ReplyReceived.class));
            case TextTopic.OPT_OUT_CHANGED -> check(json.parse(body, OptOutChanged.class));
            case CrmTopic.CONVERSION_RECORDED -> check(json.parse(body, ConversionRecorded.class));
            default -> throw new IllegalStateException("unhandled type " + e.type());
        };
    }

    private record Suppressed(TextSuppressed event, String reason) {
    }

    /** The same required fields as EventFold, so a batch fails exactly where the one-by-one fold would. */
    private static <T> T check(T event) {
        if (event == null) {
            throw new MalformedEventException("event body is null");
        }
        boolean ok;
        if (event instanceof CallEnded c) {
            ok = present(c.callId()) && present(c.businessId());
        } else if (event instanceof TextSent t) {
            ok = present(t.textId()) && present(t.leadId()) && present(t.businessId());
        } else if (event instanceof TextStatusChanged s) {
            ok = present(s.textId()) && present(s.businessId());
        } else if (event instanceof TextSuppressed x) {
            ok = present(x.businessId());
        } else if (event instanceof ReplyReceived r) {
            ok = present(r.businessId());
        } else if (event instanceof ConversionRecorded c) {
            ok = present(c.conversionId()) && present(c.businessId());
        } else {
            ok = true;
        }
        if (!ok) {
            throw new MalformedEventException(event.getClass().getSimpleName() + " without a required field");
        }
        return event;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** Records the ids; returns those not seen before (a replayed event changes nothing, as live). */
    private static Set<String> firstTime(Connection c, Set<String> ids) throws SQLException {
        Set<String> fresh = new HashSet<>(ids.size() * 2);
        try (PreparedStatement ps = c.prepareStatement("""
                insert into processed_event (event_id) select unnest(?::text[])
                on conflict do nothing returning event_id
                """)) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
        }
        return fresh;
    }

    /** The rows of one batch, by kind of write, in event order. */
    private static final class Writes {
        final Upsert callEnded = new Upsert("call ended", CallFacts.ENDED_INSERT,
                "call_id, business_id, caller, outcome, reachable::boolean, ended_at::timestamptz",
                CallFacts.ENDED_MERGE);
        final Upsert callLead = new Upsert("call lead", CallFacts.BELONGS_INSERT, "call_id, business_id, lead_id",
                CallFacts.BELONGS_MERGE);
        final Upsert textSent = new Upsert("text sent", TextFacts.SENT_INSERT,
                "text_id, lead_id, business_id, step::int, accepted_at::timestamptz, price::numeric, currency",
                TextFacts.SENT_MERGE);
        final Upsert textStatus = new Upsert("text status", TextFacts.STATUS_INSERT,
                "text_id, lead_id, business_id, step::int, price::numeric, currency, status, status_at::timestamptz",
                TextFacts.STATUS_MERGE);
        final Upsert suppression = new Upsert("suppression", TextFacts.SUPPRESSION_INSERT,
                "call_id, business_id, lead_id, reason, missed_at::timestamptz", TextFacts.SUPPRESSION_MERGE);
        final Upsert leadTexted = new Upsert("lead texted", LeadFacts.TEXTED_INSERT,
                "lead_id, business_id, call_id, true, caller, missed_at::timestamptz, text_id, texted_at::timestamptz, "
                        + "variant", LeadFacts.TEXTED_MERGE);
        final Upsert leadReceipt = new Upsert("lead receipt", LeadFacts.RECEIPT_INSERT,
                "lead_id, business_id, caller, status, status_at::timestamptz, delivered_at::timestamptz",
                LeadFacts.RECEIPT_MERGE);
        final Upsert leadSuppressed = new Upsert("lead suppressed", LeadFacts.SUPPRESSED_INSERT,
                "lead_id, business_id, call_id, caller, missed_at::timestamptz", LeadFacts.SUPPRESSED_MERGE);
        final Upsert leadReplied = new Upsert("lead replied", LeadFacts.REPLIED_INSERT,
                "lead_id, business_id, caller, received_at::timestamptz, after_step::int, 1", LeadFacts.REPLIED_MERGE);
        final Upsert leadOptedOut = new Upsert("lead opted out", LeadFacts.OPTED_OUT_INSERT,
                "lead_id, business_id, caller, at::timestamptz", LeadFacts.OPTED_OUT_MERGE);
        final Upsert conversion = new Upsert("conversion", ConversionFacts.RECORDED_INSERT,
                "id, business_id, lead_call_id, value::numeric, currency, estimated::boolean, recovered::boolean, "
                        + "occurred_at::timestamptz, revision::int", ConversionFacts.RECORDED_MERGE);

        // What EventFold marks through Touched, gathered for set-based marking.
        final Set<String> leads = new LinkedHashSet<>();
        final Set<String> leadsOfCalls = new LinkedHashSet<>();
        final Set<String> leadsOfTexts = new LinkedHashSet<>();
        final Set<String> conversions = new LinkedHashSet<>();
        final List<String> dayBusinesses = new ArrayList<>();
        final List<String> dayInstants = new ArrayList<>();

        /** What EventFold's per-type methods write, as rows (same values, same nulls, same defaults). */
        void add(String eventId, Object event) {
            if (event instanceof CallEnded c) {
                Instant endedAt = orNow(c.endedAt());
                callEnded.add(c.callId(), c.callId(), c.businessId(), c.caller(),
                        c.outcome() == null ? null : c.outcome().name(), c.callerReachable(), endedAt);
                day(c.businessId(), endedAt);
                leadsOfCalls.add(c.callId());
            } else if (event instanceof TextSent t) {
                Instant acceptedAt = orNow(t.acceptedAt());
                boolean first = t.step() == 0;
                textSent.add(t.textId(), t.textId(), t.leadId(), t.businessId(), t.step(), acceptedAt, t.price(),
                        t.currency());
                leadTexted.add(t.leadId(), t.leadId(), t.businessId(), t.callId(), t.recipient(), t.missedAt(),
                        first ? t.textId() : null, first ? acceptedAt : null, first ? t.variant() : null);
                if (t.callId() != null) {
                    callLead.add(t.callId(), t.callId(), t.businessId(), t.leadId());
                }
                leads.add(t.leadId());
            } else if (event instanceof TextStatusChanged s) {
                Instant statusAt = orNow(s.statusAt());
                textStatus.add(s.textId(), s.textId(), s.leadId(), s.businessId(), s.step(), s.price(), s.currency(),
                        s.status() == null ? null : s.status().name(), statusAt);
                if (s.leadId() != null) {
                    boolean first = s.step() == 0 && s.status() != null;
                    leadReceipt.add(s.leadId(), s.leadId(), s.businessId(), s.recipient(),
                            first ? s.status().name() : null, first ? statusAt : null,
                            first && s.status() == TextStatus.DELIVERED ? statusAt : null);
                    leads.add(s.leadId());
                } else {
                    leadsOfTexts.add(s.textId());
                }
            } else if (event instanceof Suppressed sx) {
                TextSuppressed x = sx.event();
                String callId = x.callId() != null ? x.callId() : "event:" + eventId;
                suppression.add(callId, callId, x.businessId(), x.leadId(), sx.reason(), x.missedAt());
                day(x.businessId(), x.missedAt());
                if (x.leadId() != null) {
                    leads.add(x.leadId());
                    leadSuppressed.add(x.leadId(), x.leadId(), x.businessId(), callId, x.recipient(), x.missedAt());
                    if (x.callId() != null) {
                        callLead.add(x.callId(), x.callId(), x.businessId(), x.leadId());
                    }
                }
            } else if (event instanceof ReplyReceived r) {
                if (r.leadId() != null && r.afterStep() >= 0) {
                    leadReplied.add(r.leadId(), r.leadId(), r.businessId(), r.sender(), orNow(r.receivedAt()),
                            r.afterStep());
                    leads.add(r.leadId());
                }
            } else if (event instanceof OptOutChanged o) {
                if (o.leadId() != null && o.businessId() != null && o.optedOut()) {
                    leadOptedOut.add(o.leadId(), o.leadId(), o.businessId(), o.phone(), orNow(o.changedAt()));
                    leads.add(o.leadId());
                }
            } else if (event instanceof ConversionRecorded c) {
                conversion.add(c.conversionId(), c.conversionId(), c.businessId(), c.leadCallId(), c.value(),
                        c.currency(), c.estimated(), c.recovered(), c.occurredAt(), c.revision());
                conversions.add(c.conversionId());
                day(c.businessId(), c.occurredAt());
                if (c.leadCallId() != null) {
                    leadsOfCalls.add(c.leadCallId());
                }
            } else {
                throw new IllegalStateException("unhandled event " + event.getClass());
            }
        }

        private void day(String businessId, Instant at) {
            if (businessId != null && at != null) {
                dayBusinesses.add(businessId);
                dayInstants.add(at.toString());
            }
        }

        /** {@code timed}: told each upsert's name and start time when it is done (BatchFold#timings). */
        void execute(Connection c, boolean mark, ObjLongConsumer<String> timed) throws SQLException {
            for (Upsert u : List.of(callEnded, callLead, textSent, textStatus, suppression, leadTexted, leadSuppressed,
                    leadReceipt, leadReplied, leadOptedOut)) {
                u.execute(c, timed);
            }
            if (mark && !conversions.isEmpty()) { // where a conversion counted until now, before it may move
                markLeads(c, """
                        select f.lead_id from conversion_fact c join call_fact f on f.call_id = c.lead_call_id
                        where c.conversion_id = any(?::text[]) and f.lead_id is not null
                        """, conversions);
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into dirty_day (business_id, day)
                        select c.business_id, (c.occurred_at at time zone coalesce(b.time_zone, 'UTC'))::date
                        from conversion_fact c left join business b on b.id = c.business_id
                        where c.conversion_id = any(?::text[]) and c.occurred_at is not null
                        on conflict do nothing
                        """)) {
                    ps.setArray(1, c.createArrayOf("text", conversions.toArray(String[]::new)));
                    ps.executeUpdate();
                }
            }
            conversion.execute(c, timed);
            if (!mark) {
                return;
            }
            markLeads(c, "select unnest(?::text[])", leads);
            markLeads(c, "select lead_id from call_fact where call_id = any(?::text[]) and lead_id is not null",
                    leadsOfCalls);
            markLeads(c, "select lead_id from text_fact where text_id = any(?::text[]) and lead_id is not null",
                    leadsOfTexts);
            if (!dayBusinesses.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into dirty_day (business_id, day)
                        select distinct u.b, (u.at::timestamptz at time zone coalesce(z.time_zone, 'UTC'))::date
                        from unnest(?::text[], ?::text[]) as u(b, at) left join business z on z.id = u.b
                        on conflict do nothing
                        """)) {
                    ps.setArray(1, c.createArrayOf("text", dayBusinesses.toArray(String[]::new)));
                    ps.setArray(2, c.createArrayOf("text", dayInstants.toArray(String[]::new)));
                    ps.executeUpdate();
                }
            }
        }

        private static void markLeads(Connection c, String select, Set<String> keys) throws SQLException {
            if (keys.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into dirty_lead (lead_id) " + select + " on conflict do nothing")) {
                ps.setArray(1, c.createArrayOf("text", keys.toArray(String[]::new)));
                ps.executeUpdate();
            }
        }

        private static Instant orNow(Instant at) {
            return at == null ? Instant.now() : at;
        }
    }

    /**
     * One kind of write for many rows: {@code <insert> select <columns> from unnest(text[], ...) <merge>}.
     * Every value travels as text and is cast in SQL to its column's type, as the per-event binding does.
     */
    private static final class Upsert {
        private final String name;
        private final String sql;
        private final int width;
        private final List<String> keys = new ArrayList<>();
        private final List<String[]> rows = new ArrayList<>();

        /** {@code select}: one expression per inserted column over the unnest's columns (all text). */
        Upsert(String name, String insert, String select, String merge) {
            this.name = name;
            List<String> names = new ArrayList<>();
            for (String expr : select.split(",")) {
                String column = expr.trim().split("::")[0];
                if (column.matches("[a-z_]+") && !column.equals("true")) {
                    names.add(column);
                }
            }
            this.width = names.size();
            this.sql = insert + "select " + select + "\nfrom unnest(" + "?::text[], ".repeat(width - 1)
                    + "?::text[]) as u(" + String.join(", ", names) + ")\n" + merge;
        }

        void add(String key, Object... values) {
            if (values.length != width) {
                throw new IllegalStateException("expected " + width + " values, got " + values.length);
            }
            String[] row = new String[width];
            for (int i = 0; i < width; i++) {
                Object v = values[i];
                row[i] = v == null ? null : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
            }
            keys.add(key);
            rows.add(row);
        }

        /**
         * Round k holds the k-th write of each key, so no statement touches a row twice; rounds run in order.
         * {@code timed} is told this upsert's name and start time when it is done.
         */
        void execute(Connection c, ObjLongConsumer<String> timed) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            long t0 = System.nanoTime();
            Map<String, Integer> seen = new HashMap<>(keys.size() * 2);
            List<List<String[]>> rounds = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                int round = seen.merge(keys.get(i), 1, Integer::sum) - 1;
                if (round == rounds.size()) {
                    rounds.add(new ArrayList<>());
                }
                rounds.get(round).add(rows.get(i));
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (List<String[]> round : rounds) {
                    for (int col = 0; col < width; col++) {
                        String[] column = new String[round.size()];
                        for (int r = 0; r < column.length; r++) {
                            column[r] = round.get(r)[col];
                        }
                        ps.setArray(col + 1, c.createArrayOf("text", column));
                    }
                    ps.executeUpdate();
                }
            }
            timed.accept(name, t0);
        }
    }
}
