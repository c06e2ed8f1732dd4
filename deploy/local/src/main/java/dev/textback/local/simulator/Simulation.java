package dev.textback.local.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outside world, seeded: callers ring the businesses (some get through, most do not), the
 * carrier delivers or fails texts, some callers reply or send STOP, some of those who reply book.
 * Every decision comes from the seed and the caller's number, never from timing, so a run is
 * reproducible; and every action that was acknowledged is recorded as ground truth.
 */
public final class Simulation implements FakeVonage.Handler, AutoCloseable {
    /** Where the services listen. */
    public record Endpoints(String callIngest, String smsDispatch, String crmSync, String metrics) {
    }

    /** How much traffic to play. */
    public record Plan(long seed, int callsPerBusiness, int weeks) {
        /** A real-time burst. */
        public Plan(long seed, int callsPerBusiness) {
            this(seed, callsPerBusiness, 0);
        }
    }

    /**
     * In simulated weeks each business has one follow-up step, two hours after the first text; it goes
     * out at the first session after that inside the recipient's legal hours.
     */
    static final String FOLLOW_UP_BODY = "{business} again - just checking in about your call. Reply here anytime.";
    /** What every rendered follow-up contains, whatever the business's name. */
    private static final String FOLLOW_UP_MARK = FOLLOW_UP_BODY.replace("{business}", "");
    private static final Duration FOLLOW_UP_DELAY = Duration.ofHours(2);

    /** Where simulated history starts, in UTC hours of the day: mid-morning in the US time zones. */
    private static final int SESSION_HOUR_UTC = 15;
    /**
     * Simulated weeks play in sessions 30 hours apart: never a whole day, so a caller who rings again
     * next session is always clearly outside the 24-hour dedupe window, and clearly inside (30, 60 h) or
     * outside (90 h on) the 72-hour active-conversation window; no rule is ever decided by a few seconds.
     */
    static final Duration SESSION_GAP = Duration.ofHours(30);
    /** 19:00 UTC: 11:00 to 14:00 across the US zones, inside every legal window (Texas on Sunday too). */
    private static final Duration WRAP_UP_HOUR_UTC = Duration.ofHours(19);

    static final BigDecimal PRICE_PER_SEGMENT = new BigDecimal("0.00790000");
    private static final String[] REPLIES = {"Can you call me back this afternoon?", "What times do you have tomorrow?",
        "Hi, I need a quote please", "Could I book for Friday morning?", "How much would that cost?"};
    private static final String[] MISSED_STATUSES = {"unanswered", "timeout", "busy", "cancelled", "rejected",
        "failed"};

    private final Endpoints endpoints;
    private final Plan plan;
    private final Map<String, BusinessTruth> byVonageNumber = new LinkedHashMap<>();
    private final List<BusinessTruth> truths = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger textsOutsideLegalHours = new AtomicInteger();
    /** Real time, until simulated weeks move it (and sms-dispatch's) back to each session. */
    private final SimClock clock;
    private final Webhooks webhooks;
    private final boolean history;
    /** Bookings days after the reply (simulated weeks only), played once the clock passes them. */
    private final List<Deferred> deferred = new ArrayList<>();

    private record Deferred(Instant due, Runnable action) {
    }

    public Simulation(Endpoints endpoints, Plan plan, List<SimBusiness> businesses) {
        this.endpoints = endpoints;
        this.plan = plan;
        this.history = plan.weeks() > 0;
        this.clock = new SimClock(endpoints.smsDispatch());
        this.webhooks = new Webhooks(endpoints, failures);
        for (SimBusiness b : businesses) {
            BusinessTruth truth = new BusinessTruth(b);
            truths.add(truth);
            byVonageNumber.put(b.vonageNumber(), truth);
        }
    }

    public List<BusinessTruth> truths() {
        return List.copyOf(truths);
    }

    public int failures() {
        return failures.get();
    }

    /** Lead texts (first or follow-up) the provider got outside the recipient's legal hours: must stay 0. */
    public int textsOutsideLegalHours() {
        return textsOutsideLegalHours.get();
    }

    /** Creates the businesses in crm-sync and waits until every service has seen them. */
    public void createBusinesses(Duration timeout) {
        for (BusinessTruth t : truths) {
            Http.Reply reply = Http.postJson(endpoints.crmSync() + "/api/businesses", t.business().createRequestJson(
                    history ? FOLLOW_UP_BODY : null, (int) FOLLOW_UP_DELAY.toMinutes()));
            if (reply.status() != 201 && reply.status() != 409) {
                throw new IllegalStateException("crm-sync refused business " + t.business().id() + ": "
                        + reply.status() + " " + reply.body());
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (BusinessTruth t : truths) {
            awaitStatus(endpoints.callIngest() + "/api/routing/" + t.business().number(), deadline);
            awaitStatus(endpoints.smsDispatch() + "/api/businesses/" + t.business().id(), deadline);
            awaitStatus(endpoints.metrics() + "/api/businesses/" + t.business().id() + "/roi", deadline);
        }
    }

    private static void awaitStatus(String url, long deadline) {
        while (Http.get(url).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready in time: " + url);
            }
            Http.sleep(200);
        }
    }

    /** Places the calls, interleaving businesses, one webhook at a time like a phone system. */
    public void playCalls() {
        Random random = new Random(plan.seed());
        Map<BusinessTruth, List<String>> callers = callerPools(random, plan.callsPerBusiness() * 3 / 4);
        for (int i = 0; i < plan.callsPerBusiness(); i++) {
            for (BusinessTruth t : truths) {
                placeRandomCall(t, callers.get(t), random, i);
            }
        }
    }

    /**
     * Plays {@code weeks} of simulated history that ends a few days ago: sessions 30 simulated hours
     * apart, each a share of the calls per business, with sms-dispatch's clock moved to the session's
     * hour first (PUT /api/admin/clock, which only a stack with simulated time allows). Every webhook,
     * reply and booking carries the simulated time; a session ends when every call was decided and every
     * text, receipt, reply and booking of it was played. Some bookings come days later, in a later
     * session. False when a session did not settle in {@code sessionTimeout}.
     */
    public boolean playWeeks(Duration sessionTimeout) {
        int weeks = plan.weeks();
        int sessions = (int) (Duration.ofDays(7L * weeks).toHours() / SESSION_GAP.toHours());
        Instant first = LocalDate.now(ZoneOffset.UTC).minusDays(7L * weeks + 3).atTime(SESSION_HOUR_UTC, 0)
                .toInstant(ZoneOffset.UTC);
        Instant last = first.plus(SESSION_GAP.multipliedBy(sessions - 1L));
        Random random = new Random(plan.seed());
        int perSession = Math.max(1, plan.callsPerBusiness() / sessions);
        // a small pool, so callers ring again in later sessions: new leads, active conversations, opt-outs
        Map<BusinessTruth, List<String>> callers = callerPools(random, perSession * sessions / 3);
        boolean settled = true;
        try {
            for (int k = 0; k < sessions; k++) {
                Instant session = first.plus(SESSION_GAP.multipliedBy(k));
                clock.moveTo(session);
                // what earlier sessions owe first (texts that waited for the recipient's legal hours,
                // follow-ups, and what they set off), so a caller who rings again now finds them sent, and
                // a late booking never races a follow-up
                settled &= awaitOwed(session, sessionTimeout);
                playDueBookings();
                for (int i = 0; i < perSession; i++) {
                    for (BusinessTruth t : truths) {
                        String missed = placeRandomCall(t, callers.get(t), random, k * perSession + i);
                        if (missed != null && random.nextDouble() < 0.15) {
                            placeCall(t, missed, "timeout", 0); // rings again at once: joins the lead just opened
                        }
                    }
                }
                settled &= awaitSession(session, sessionTimeout);
            }
            // a last look the next afternoon (every US zone inside its legal hours), then back to real time
            Instant wrapUp = last.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(WRAP_UP_HOUR_UTC);
            clock.moveTo(wrapUp);
            settled &= awaitOwed(wrapUp, sessionTimeout);
        } finally {
            clock.backToRealTime();
        }
        synchronized (deferred) {
            deferred.clear(); // every one left would fall after the history: never happened
        }
        return settled;
    }

    private Map<BusinessTruth, List<String>> callerPools(Random random, int size) {
        Map<BusinessTruth, List<String>> callers = new LinkedHashMap<>();
        for (BusinessTruth t : truths) {
            List<String> pool = new ArrayList<>();
            for (int i = 0; i < Math.max(3, size); i++) {
                pool.add(randomCaller(random));
            }
            callers.put(t, pool);
        }
        return callers;
    }

    /** @return the caller, when this was a missed call from a reachable number; else null */
    private String placeRandomCall(BusinessTruth t, List<String> pool, Random random, int i) {
        boolean withheld = random.nextDouble() < 0.06;
        boolean answered = random.nextDouble() < 0.30;
        String caller = withheld ? null : pool.get(random.nextInt(pool.size()));
        boolean missed = !answered;
        for (int tries = 0; history && missed && caller != null && t.textOutstanding(caller) && tries < 20; tries++) {
            caller = pool.get(random.nextInt(pool.size())); // see BusinessTruth.textOutstanding
        }
        if (history && missed && caller != null && t.textOutstanding(caller)) {
            caller = null; // a withheld number instead: nobody to text
        }
        String status = answered ? "completed" : MISSED_STATUSES[random.nextInt(MISSED_STATUSES.length)];
        placeCall(t, caller, status, answered ? 20 + random.nextInt(400) : 0);
        if (i % 7 == 3 && random.nextBoolean()) {
            scheduleWalkInBooking(t, random);
        }
        return answered ? null : caller;
    }

    private void playDueBookings() {
        List<Deferred> due = new ArrayList<>();
        synchronized (deferred) {
            Instant now = clock.now();
            deferred.removeIf(d -> !d.due().isAfter(now) && due.add(d));
        }
        due.forEach(d -> d.action().run());
    }

    /** Until every text owed at {@code now} (see {@link BusinessTruth#owedTextsSent}) went out and was played on. */
    private boolean awaitOwed(Instant now, Duration timeout) {
        return awaitSettled(now, 0, timeout);
    }

    /**
     * Until this session's calls are all decided, the texts that may go out now went out, and everything
     * they set off was played (texts to recipients in their night go out at a later session).
     */
    private boolean awaitSession(Instant session, Duration timeout) {
        return awaitSettled(session, truths.stream().mapToLong(BusinessTruth::missedCalls).sum(), timeout);
    }

    private boolean awaitSettled(Instant now, long decidedCalls, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (truths.stream().allMatch(t -> t.owedTextsSent(now, FOLLOW_UP_DELAY)) && pending.get() == 0
                    && (decidedCalls == 0 || DispatchCounters.decidedCalls(endpoints.smsDispatch()) >= decidedCalls)) {
                return true;
            }
            Http.sleep(100);
        }
        System.err.println("simulated time " + now + " did not settle: " + pending.get() + " actions pending"
                + (decidedCalls == 0 ? "" : ", " + DispatchCounters.decidedCalls(endpoints.smsDispatch()) + " of "
                        + decidedCalls + " missed calls decided"));
        return false;
    }

    private void placeCall(BusinessTruth t, String caller, String status, int duration) {
        Instant end = clock.now();
        // The truth first: sms-dispatch can text the caller before the webhook's answer is back here, and a
        // text for a lead not yet in the truth counted as "a text nobody expected". A refused webhook
        // counts as a failure of the run (Webhooks), so the truth is never silently wrong.
        if ("completed".equals(status)) {
            t.answeredCall(caller, end);
        } else if (caller == null) {
            t.withheldMissedCall(end);
        } else {
            t.missedCall(caller, end);
        }
        webhooks.call(caller, t.business().vonageNumber(), status, duration, end);
    }

    /** A booking by someone who never called: recorded by crm-sync, but not revenue Textback recovered. */
    private void scheduleWalkInBooking(BusinessTruth t, Random random) {
        String phone = "+1646" + (2_000_000 + random.nextInt(7_000_000));
        BigDecimal value = BigDecimal.valueOf(5_000 + random.nextInt(50_000), 2);
        schedule(200 + random.nextInt(2_000), () -> book(t, phone, value));
    }

    /** The provider's records are stamped in simulated time, the time sms-dispatch asks about. */
    @Override
    public Instant now() {
        return clock.now();
    }

    @Override
    public FakeVonage.Accepted onSubmit(String from, String to, String text, String clientRef) {
        BusinessTruth t = byVonageNumber.get(from);
        LeadTruth lead = t == null ? null : t.lead("+" + to);
        String messageId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        if (lead == null) {
            failures.incrementAndGet();
            System.err.println("a text nobody expected, from " + from);
            return new FakeVonage.Accepted(messageId, "0.00000000", "0", null);
        }
        int segments = text.length() <= 160 ? 1 : (text.length() + 152) / 153;
        BigDecimal price = PRICE_PER_SEGMENT.multiply(BigDecimal.valueOf(segments));
        if (isServiceText(text)) {
            // sms-dispatch's STOP/START confirmations and HELP answers belong to no lead and publish no
            // event yet, so their spend is not in the reported figures: keep it out of the truth too.
            return new FakeVonage.Accepted(messageId, price.toPlainString(), "0", null);
        }
        if (history && !LegalHours.allows("+" + to, clock.now())) {
            textsOutsideLegalHours.incrementAndGet();
            failures.incrementAndGet();
            System.err.println("a text outside the recipient's legal hours, to +" + to + " at " + clock.now());
        }
        if (text.contains(FOLLOW_UP_MARK)) {
            LeadTruth owed = t.awaitingFollowUp("+" + to);
            if (owed == null) {
                failures.incrementAndGet();
                System.err.println("a follow-up nobody was owed, to +" + to);
                return new FakeVonage.Accepted(messageId, price.toPlainString(), "0", null);
            }
            synchronized (owed) {
                owed.followUpSent = true;
                owed.smsCost = owed.smsCost.add(price);
            }
            afterFollowUp(t, owed, messageId, price, clientRef);
            return new FakeVonage.Accepted(messageId, price.toPlainString(), "0", null);
        }
        boolean first;
        synchronized (lead) {
            first = !lead.texted;
            lead.texted = true;
            if (first) {
                lead.textedAt = clock.now();
            }
            lead.smsCost = lead.smsCost.add(price);
        }
        if (first) {
            decideWhatHappens(t, lead, messageId, price, clientRef);
        }
        return new FakeVonage.Accepted(messageId, price.toPlainString(), "0", null);
    }

    static boolean isServiceText(String text) {
        return text.contains(": you are unsubscribed") || text.contains(": you are subscribed again")
                || text.contains(": we text you about calls we missed");
    }

    /** The caller's fate depends only on the seed and who they are. */
    private void decideWhatHappens(BusinessTruth t, LeadTruth lead, String messageId, BigDecimal price,
            String clientRef) {
        Random r = new Random(plan.seed() * 31 + lead.fateKey().hashCode());
        boolean delivered = r.nextDouble() < 0.9;
        double replyDraw = r.nextDouble();
        boolean books = r.nextDouble() < 0.55;
        boolean hasValue = r.nextDouble() < 0.8;
        BigDecimal value = BigDecimal.valueOf(6_000 + r.nextInt(84_000), 2);
        String replyText = REPLIES[r.nextInt(REPLIES.length)];
        int receiptFormat = r.nextInt(3);
        long dlrDelay = 100 + r.nextInt(400);
        long replyDelay = dlrDelay + 300 + r.nextInt(900);
        long bookDelay = replyDelay + 2_000 + r.nextInt(1_500);
        // in simulated weeks some book days later, when the caller may have rung again (attribution)
        boolean late = history && r.nextDouble() < 0.3;
        Duration lateBy = Duration.ofHours(48 + r.nextInt(24 * 18));
        // silent after the first text, some answer the follow-up (simulated weeks only)
        lead.answersFollowUp = history && delivered && replyDraw >= 0.47 && r.nextDouble() < 0.35;
        lead.booksAfterFollowUp = books;
        lead.followUpBookingValue = hasValue ? value : null;

        schedule(dlrDelay, () -> {
            if (receipt(t, lead, messageId, price, clientRef, delivered, receiptFormat)) {
                lead.delivered = delivered;
            }
        });
        if (!delivered) {
            return;
        }
        if (replyDraw < 0.40) {
            schedule(replyDelay, () -> {
                Instant at = inbound(t, lead, replyText);
                if (at != null) {
                    t.replied(lead, at);
                }
            });
            if (books) {
                Runnable booking = () -> book(t, lead.caller, hasValue ? value : null);
                if (late) {
                    synchronized (deferred) {
                        deferred.add(new Deferred(clock.now().plus(lateBy), booking));
                    }
                } else {
                    schedule(bookDelay, booking);
                }
            }
        } else if (replyDraw < 0.47) {
            schedule(replyDelay, () -> {
                if (inbound(t, lead, "STOP") != null) {
                    t.optedOut(lead);
                }
            });
        }
    }

    /** The follow-up is delivered; a caller who answers it replies a little later, and may book. */
    private void afterFollowUp(BusinessTruth t, LeadTruth lead, String messageId, BigDecimal price, String clientRef) {
        schedule(150, () -> receipt(t, lead, messageId, price, clientRef, true, 0));
        if (!lead.answersFollowUp) {
            return;
        }
        // well after sms-dispatch recorded the follow-up as sent, so the reply answers step 1
        schedule(1_500, () -> {
            Instant at = inbound(t, lead, "Sorry, only saw this now. Can I come in this week?");
            if (at != null) {
                t.replied(lead, at);
            }
        });
        if (lead.booksAfterFollowUp) {
            schedule(3_000, () -> book(t, lead.caller, lead.followUpBookingValue));
        }
    }

    private boolean receipt(BusinessTruth t, LeadTruth lead, String messageId, BigDecimal price, String clientRef,
            boolean delivered, int format) {
        return webhooks.receipt(lead.caller, t.business().vonageNumber(), messageId, price, clientRef, delivered,
                format, clock.now());
    }

    /** The moment the reply was stamped with, or null when refused. */
    private Instant inbound(BusinessTruth t, LeadTruth lead, String text) {
        return webhooks.inbound(lead.caller, t.business().vonageNumber(), text, clock.now());
    }

    /**
     * A booking in crm-sync, credited in the truth by the attribution rule (the caller's latest missed
     * call in the 30 days before it), to whichever lead that call opened or joined.
     */
    private void book(BusinessTruth t, String phone, BigDecimal value) {
        Instant occurredAt = clock.now();
        if (!webhooks.booking(t.business().id(), phone, value, occurredAt)) {
            return;
        }
        LeadTruth lead = t.attribute(phone, occurredAt.truncatedTo(ChronoUnit.MICROS));
        if (lead == null) {
            t.unattributedBooking();
            return;
        }
        BigDecimal counted = value != null ? value : t.business().averageClientValue();
        synchronized (lead) {
            lead.converted = true;
            lead.revenue = lead.revenue.add(counted);
            if (value == null) {
                lead.estimatedRevenue = lead.estimatedRevenue.add(counted);
            }
        }
    }

    private void schedule(long delayMs, Runnable action) {
        pending.incrementAndGet();
        scheduler.schedule(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                System.err.println("simulated action failed: " + e.getMessage());
            } finally {
                pending.decrementAndGet();
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Waits until every lead got its first text and every scheduled receipt, reply and booking was played. */
    public boolean awaitQuiet(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean allTexted = truths.stream().allMatch(t -> t.textedLeads() == t.expectedFirstTexts());
            if (allTexted && pending.get() == 0) {
                return true;
            }
            Http.sleep(200);
        }
        return false;
    }

    /** A valid US mobile-looking number from a few real area codes (the 555 exchange is avoided). */
    private static String randomCaller(Random random) {
        int[] areas = {212, 312, 415, 617, 303, 206, 512};
        int exchange = 200 + random.nextInt(800);
        if (exchange == 555) {
            exchange = 556;
        }
        return "+1" + areas[random.nextInt(areas.length)] + exchange + String.format("%04d", random.nextInt(10_000));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
