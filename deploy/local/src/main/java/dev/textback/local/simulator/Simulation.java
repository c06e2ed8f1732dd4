package dev.textback.local.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
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
    public record Plan(long seed, int callsPerBusiness) {
    }

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

    public Simulation(Endpoints endpoints, Plan plan, List<SimBusiness> businesses) {
        this.endpoints = endpoints;
        this.plan = plan;
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

    /** Creates the businesses in crm-sync and waits until every service has seen them. */
    public void createBusinesses(Duration timeout) {
        for (BusinessTruth t : truths) {
            Http.Reply reply = Http.postJson(endpoints.crmSync() + "/api/businesses", t.business().createRequestJson());
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
        Map<BusinessTruth, List<String>> callers = new LinkedHashMap<>();
        for (BusinessTruth t : truths) {
            List<String> pool = new ArrayList<>();
            int size = Math.max(3, plan.callsPerBusiness() * 3 / 4);
            for (int i = 0; i < size; i++) {
                pool.add(randomCaller(random));
            }
            callers.put(t, pool);
        }
        for (int i = 0; i < plan.callsPerBusiness(); i++) {
            for (BusinessTruth t : truths) {
                List<String> pool = callers.get(t);
                boolean withheld = random.nextDouble() < 0.06;
                boolean answered = random.nextDouble() < 0.30;
                String caller = withheld ? null : pool.get(random.nextInt(pool.size()));
                String status = answered ? "completed" : MISSED_STATUSES[random.nextInt(MISSED_STATUSES.length)];
                placeCall(t, caller, status, answered ? 20 + random.nextInt(400) : 0);
                if (i % 7 == 3 && random.nextBoolean()) {
                    scheduleWalkInBooking(t, random);
                }
            }
        }
    }

    private void placeCall(BusinessTruth t, String caller, String status, int duration) {
        Instant end = Instant.now();
        String json = """
                {"headers":{},"from":"%s","to":"%s","uuid":"%s","conversation_uuid":"CON-%s","status":"%s",
                 "direction":"inbound","timestamp":"%s","start_time":null,"end_time":"%s","duration":"%d",
                 "rate":"0.00450000","price":"0.00000000","network":"310260"}
                """.formatted(caller == null ? "Restricted" : caller.substring(1), t.business().vonageNumber(),
                UUID.randomUUID(), UUID.randomUUID(), status, end, end, duration);
        Http.Reply reply = Http.postJson(endpoints.callIngest() + "/webhooks/vonage/voice/event", json);
        if (reply.status() / 100 != 2) {
            failures.incrementAndGet();
            System.err.println("call-ingest refused a call: " + reply.status() + " " + reply.body());
            return;
        }
        boolean missed = !"completed".equals(status);
        t.callPlaced(missed);
        if (missed) {
            if (caller == null) {
                t.withheldMissedCall();
            } else {
                t.openOrJoinLead(caller);
            }
        }
    }

    /** A booking by someone who never called: recorded by crm-sync, but not revenue Textback recovered. */
    private void scheduleWalkInBooking(BusinessTruth t, Random random) {
        String phone = "+1646" + (2_000_000 + random.nextInt(7_000_000));
        BigDecimal value = BigDecimal.valueOf(5_000 + random.nextInt(50_000), 2);
        schedule(200 + random.nextInt(2_000), () -> {
            if (book(t, phone, value)) {
                t.unattributedBooking();
            }
        });
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
        boolean first;
        synchronized (lead) {
            first = !lead.texted;
            lead.texted = true;
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
        Random r = new Random(plan.seed() * 31 + (t.business().id() + lead.caller).hashCode());
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
                if (inbound(t, lead, replyText)) {
                    lead.replied = true;
                }
            });
            if (books) {
                schedule(bookDelay, () -> {
                    BigDecimal counted = hasValue ? value : t.business().averageClientValue();
                    if (book(t, lead.caller, hasValue ? value : null)) {
                        synchronized (lead) {
                            lead.converted = true;
                            lead.revenue = lead.revenue.add(counted);
                            if (!hasValue) {
                                lead.estimatedRevenue = lead.estimatedRevenue.add(counted);
                            }
                        }
                    }
                });
            }
        } else if (replyDraw < 0.47) {
            schedule(replyDelay, () -> {
                if (inbound(t, lead, "STOP")) {
                    lead.optedOut = true;
                }
            });
        }
    }

    private boolean receipt(BusinessTruth t, LeadTruth lead, String messageId, BigDecimal price, String clientRef,
            boolean delivered, int format) {
        Map<String, String> dlr = new LinkedHashMap<>();
        dlr.put("msisdn", lead.caller.substring(1));
        dlr.put("to", t.business().vonageNumber());
        dlr.put("network-code", "310004");
        dlr.put("messageId", messageId);
        dlr.put("price", price.toPlainString());
        dlr.put("status", delivered ? "delivered" : "failed");
        dlr.put("scts", "2611261200");
        dlr.put("err-code", delivered ? "0" : "12");
        dlr.put("api-key", "local");
        if (clientRef != null) {
            dlr.put("client-ref", clientRef);
        }
        dlr.put("message-timestamp", Instant.now().toString().replace('T', ' ').substring(0, 19));
        String url = endpoints.smsDispatch() + "/webhooks/vonage/sms/receipt";
        Http.Reply reply = switch (format) {
            case 0 -> Http.postForm(url, dlr);
            case 1 -> Http.postJson(url, toJson(dlr));
            default -> Http.get(url + "?" + Http.encode(dlr));
        };
        return accepted("receipt", reply);
    }

    private boolean inbound(BusinessTruth t, LeadTruth lead, String text) {
        Map<String, String> sms = new LinkedHashMap<>();
        sms.put("msisdn", lead.caller.substring(1));
        sms.put("to", t.business().vonageNumber());
        sms.put("messageId", UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase());
        sms.put("text", text);
        sms.put("type", "text");
        sms.put("keyword", text.split("\\s+")[0].toUpperCase());
        sms.put("message-timestamp", Instant.now().toString().replace('T', ' ').substring(0, 19));
        return accepted("inbound", Http.postForm(endpoints.smsDispatch() + "/webhooks/vonage/sms/inbound", sms));
    }

    private boolean book(BusinessTruth t, String phone, BigDecimal value) {
        String json = """
                {"phone":"%s","type":"appointment_booked",%s"occurredAt":"%s","externalId":"sim-%s"}
                """.formatted(phone, value == null ? "" : "\"value\":" + value.setScale(2, RoundingMode.HALF_UP) + ",",
                Instant.now(), UUID.randomUUID());
        return accepted("booking",
                Http.postJson(endpoints.crmSync() + "/api/businesses/" + t.business().id() + "/conversions", json));
    }

    private boolean accepted(String what, Http.Reply reply) {
        if (reply.status() / 100 == 2) {
            return true;
        }
        failures.incrementAndGet();
        System.err.println(what + " refused: " + reply.status() + " " + reply.body());
        return false;
    }

    private static String toJson(Map<String, String> fields) {
        StringBuilder b = new StringBuilder("{");
        fields.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return b.append('}').toString();
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
