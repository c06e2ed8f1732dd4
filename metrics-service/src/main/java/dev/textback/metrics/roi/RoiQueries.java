package dev.textback.metrics.roi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.textback.metrics.business.BusinessEntity;
import dev.textback.metrics.db.NativeSql;
import dev.textback.metrics.rollup.Rollups;

/**
 * Reads the figures of a business. The cohort view sums the daily rollups (a month is about 30 rows per
 * variant, whatever the number of leads); the activity view counts the facts by each event's own date.
 * Both refresh the rollups first when the fold left work, so an answer reflects every committed event.
 */
@ApplicationScoped
public class RoiQueries {
    private static final String PERIOD = "date '1970-01-01'";
    private static final String MONTH = "cast(date_trunc('month', day) as date)";

    @Inject
    EntityManager em;
    @Inject
    Rollups rollups;

    /** The ROI summary of one period in the given view. */
    public RoiSummary summary(BusinessEntity business, Period period, View view) {
        rollups.refreshIfPending();
        return read(business, period, view).summarize(business, period, view);
    }

    /** Kept for callers that only know the cohort inputs. */
    public RoiInputs inputs(BusinessEntity business, Period period) {
        rollups.refreshIfPending();
        Tally t = read(business, period, View.COHORT);
        return new RoiInputs(business.id, period.from(), period.to(), business.currency, business.monthlyCost,
                t.inbound, t.missed, t.leads, t.texted, t.suppressed, t.delivered, t.replied, t.converted, t.revenue,
                t.estimated, t.sms);
    }

    /** One summary per calendar month, oldest first, for the months first..last inclusive. */
    public Map<YearMonth, RoiSummary> months(BusinessEntity business, YearMonth first, YearMonth last, View view) {
        rollups.refreshIfPending();
        Map<YearMonth, RoiSummary> out = new TreeMap<>();
        Period all = new Period(first.atDay(1), last.atEndOfMonth());
        Map<LocalDate, Tally> byMonth = view == View.COHORT ? cohort(business, all, MONTH) : null;
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Period p = new Period(m.atDay(1), m.atEndOfMonth());
            Tally t = view == View.COHORT ? byMonth.getOrDefault(m.atDay(1), new Tally()) : activity(business, p);
            out.put(m, t.summarize(business, p, view));
        }
        return out;
    }

    @Transactional
    Tally read(BusinessEntity business, Period period, View view) {
        return view == View.COHORT
                ? cohort(business, period, PERIOD).getOrDefault(LocalDate.EPOCH, new Tally())
                : activity(business, period);
    }

    /** Rollup sums per bucket (the whole period, keyed 1970-01-01, or each month, keyed by its first day). */
    private Map<LocalDate, Tally> cohort(BusinessEntity business, Period period, String bucket) {
        Map<LocalDate, Tally> tallies = new TreeMap<>();
        Function<Object, Tally> at = key -> tallies.computeIfAbsent(NativeSql.dateOf(key), k -> new Tally());
        for (Object[] r : days("""
                select %s, sum(leads), sum(texted), sum(delivered), sum(replied), sum(converted), sum(opted_out),
                       sum(revenue), sum(estimated_revenue), sum(sms_cost)
                from lead_day where business_id = :b and day between :from and :to group by 1
                """.formatted(bucket), business, period)) {
            Tally t = at.apply(r[0]);
            t.leads = NativeSql.longOf(r[1]);
            t.texted = NativeSql.longOf(r[2]);
            t.delivered = NativeSql.longOf(r[3]);
            t.replied = NativeSql.longOf(r[4]);
            t.converted = NativeSql.longOf(r[5]);
            t.optedOut = NativeSql.longOf(r[6]);
            t.revenue = NativeSql.decimalOf(r[7]);
            t.estimated = NativeSql.decimalOf(r[8]);
            t.sms = NativeSql.decimalOf(r[9]);
        }
        speed(business, period, bucket, at);
        callsAndSuppressions(business, period, bucket, at);
        allConversions(business, period, bucket, at);
        return tallies;
    }

    /**
     * The speed-to-text histogram: whole months from speed_month (about 120 rows a month), the days
     * before the first and after the last whole month of the period from speed_day.
     */
    private void speed(BusinessEntity business, Period period, String bucket, Function<Object, Tally> at) {
        LocalDate from = period.from();
        LocalDate to = period.to();
        LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate lastWhole = to.equals(YearMonth.from(to).atEndOfMonth()) ? to : to.withDayOfMonth(1).minusDays(1);
        String month = bucket.equals(PERIOD) ? PERIOD : "month";
        if (firstWhole.isAfter(lastWhole)) {
            speedDays(business, new Period(from, to), bucket, at);
            return;
        }
        for (Object[] r : days(("select %s, seconds, sum(leads) from speed_month where business_id = :b "
                + "and month between :from and :to group by 1, 2").formatted(month), business,
                new Period(firstWhole, lastWhole))) {
            at.apply(r[0]).speed.add(((Number) r[1]).intValue(), NativeSql.longOf(r[2]));
        }
        if (from.isBefore(firstWhole)) {
            speedDays(business, new Period(from, firstWhole.minusDays(1)), bucket, at);
        }
        if (to.isAfter(lastWhole)) {
            speedDays(business, new Period(lastWhole.plusDays(1), to), bucket, at);
        }
    }

    private void speedDays(BusinessEntity business, Period days, String bucket, Function<Object, Tally> at) {
        for (Object[] r : days(("select %s, seconds, sum(leads) from speed_day where business_id = :b "
                + "and day between :from and :to group by 1, 2").formatted(bucket), business, days)) {
            at.apply(r[0]).speed.add(((Number) r[1]).intValue(), NativeSql.longOf(r[2]));
        }
    }

    private void callsAndSuppressions(BusinessEntity business, Period period, String bucket,
            Function<Object, Tally> at) {
        for (Object[] r : days(("select %s, sum(inbound), sum(missed) from call_day where business_id = :b "
                + "and day between :from and :to group by 1").formatted(bucket), business, period)) {
            Tally t = at.apply(r[0]);
            t.inbound = NativeSql.longOf(r[1]);
            t.missed = NativeSql.longOf(r[2]);
        }
        for (Object[] r : days(("select %s, reason, sum(calls) from suppression_day where business_id = :b "
                + "and day between :from and :to group by 1, 2 order by 2").formatted(bucket), business, period)) {
            at.apply(r[0]).suppressed.put((String) r[1], NativeSql.longOf(r[2]));
        }
    }

    /** Every conversion of the business by the local day it occurred (the "all clients" figures). */
    private void allConversions(BusinessEntity business, Period period, String bucket, Function<Object, Tally> at) {
        for (Object[] r : days(("select %s, sum(conversions), sum(value) from conversion_day where business_id = :b "
                + "and day between :from and :to group by 1").formatted(bucket), business, period)) {
            Tally t = at.apply(r[0]);
            t.allConversions = NativeSql.longOf(r[1]);
            t.allConversionsValue = NativeSql.decimalOf(r[2]);
        }
    }

    /** Activity view: each figure by the date of its own event, read from the facts. */
    private Tally activity(BusinessEntity business, Period period) {
        Map<LocalDate, Tally> one = new TreeMap<>();
        Function<Object, Tally> at = key -> one.computeIfAbsent(LocalDate.EPOCH, k -> new Tally());
        Tally t = at.apply(null);
        callsAndSuppressions(business, period, PERIOD, at);
        allConversions(business, period, PERIOD, at);
        Object[] leads = window("""
                select count(*) filter (where missed_at >= :start and missed_at < :end),
                       count(*) filter (where texted_at >= :start and texted_at < :end),
                       count(*) filter (where texted_at is not null and first_text_status = 'DELIVERED'
                                        and delivered_at >= :start and delivered_at < :end),
                       count(*) filter (where first_reply_at >= :start and first_reply_at < :end),
                       count(*) filter (where converted_at >= :start and converted_at < :end),
                       count(*) filter (where opted_out_at >= :start and opted_out_at < :end)
                from lead_fact where business_id = :b
                """, business, period).get(0);
        t.leads = NativeSql.longOf(leads[0]);
        t.texted = NativeSql.longOf(leads[1]);
        t.delivered = NativeSql.longOf(leads[2]);
        t.replied = NativeSql.longOf(leads[3]);
        t.converted = NativeSql.longOf(leads[4]);
        t.optedOut = NativeSql.longOf(leads[5]);
        Object[] money = window("""
                select coalesce(sum(coalesce(c.value, 0)), 0),
                       coalesce(sum(coalesce(c.value, 0)) filter (where c.estimated), 0)
                from conversion_fact c
                join call_fact f on f.call_id = c.lead_call_id
                join lead_fact l on l.lead_id = f.lead_id and l.business_id = c.business_id
                where c.business_id = :b and c.recovered and c.occurred_at >= :start and c.occurred_at < :end
                """, business, period).get(0);
        t.revenue = NativeSql.decimalOf(money[0]);
        t.estimated = NativeSql.decimalOf(money[1]);
        t.sms = NativeSql.decimalOf(window("""
                select coalesce(sum(coalesce(price, 0)), 0), 0 from text_fact
                where business_id = :b and lead_id is not null and accepted_at >= :start and accepted_at < :end
                """, business, period).get(0)[0]);
        for (Object[] r : window("""
                select speed_seconds, count(*) from lead_fact
                where business_id = :b and texted_at >= :start and texted_at < :end and speed_seconds is not null
                group by 1
                """, business, period)) {
            t.speed.add(((Number) r[0]).intValue(), NativeSql.longOf(r[1]));
        }
        return t;
    }

    private List<Object[]> days(String sql, BusinessEntity business, Period period) {
        return NativeSql.of(em, sql).text("b", business.id).date("from", period.from()).date("to", period.to())
                .rows();
    }

    private List<Object[]> window(String sql, BusinessEntity business, Period period) {
        Instant start = period.start(business.zone());
        Instant end = period.endExclusive(business.zone());
        return NativeSql.of(em, sql).text("b", business.id).instant("start", start).instant("end", end).rows();
    }
}
