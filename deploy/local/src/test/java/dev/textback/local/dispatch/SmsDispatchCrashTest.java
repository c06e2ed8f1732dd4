package dev.textback.local.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.infra.CloudEventRecord;
import dev.textback.infra.TopicReader;

/**
 * Reliability of sms-dispatch with the simulator (issue 4): a burst of 2,000 missed calls while the
 * service is killed with SIGKILL three times, a provider that times out after accepting, and a
 * request that never reaches the provider. Prints its figures. Runs only when asked
 * ({@code -Dtextback.reliability=true}): it takes minutes on two cores.
 */
@EnabledIfSystemProperty(named = "textback.reliability", matches = "true")
class SmsDispatchCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CALLS = Integer.getInteger("textback.reliability.calls", 2000);
    private static final int BUSINESSES = 10;
    private static DispatchHarness harness;

    record Biz(String id, String number) {
    }

    @BeforeAll
    static void start() throws Exception {
        harness = new DispatchHarness(Map.of("TEXTBACK_RATE_PER_SENDER", "100"));
        harness.start();
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyMissedCallIsTextedOrSuppressedAndNobodyTwiceThroughThreeSigkills() throws Exception {
        Random random = new Random(4);
        List<Biz> businesses = new ArrayList<>();
        for (int i = 0; i < BUSINESSES; i++) {
            Biz b = new Biz("biz-crash-" + UUID.randomUUID(), "+1646" + (3_000_000 + random.nextInt(6_000_000)));
            harness.publishBusiness(b.id(), "Crash Test " + i, b.number());
            businesses.add(b);
        }
        awaitKnown(businesses, random);

        Map<String, String> calls = new HashMap<>(); // callId -> business
        List<String> callers = new ArrayList<>();
        int[] killAt = {CALLS / 5, CALLS * 2 / 5, CALLS * 3 / 5};
        AtomicInteger published = new AtomicInteger();
        long t0 = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            Biz b = businesses.get(i % BUSINESSES);
            String caller;
            double dice = random.nextDouble();
            if (dice < 0.05) {
                caller = null; // withheld
            } else if (dice < 0.10 && !callers.isEmpty()) {
                caller = callers.get(random.nextInt(callers.size())); // a repeat caller (maybe another business)
            } else {
                caller = caller(random);
                callers.add(caller);
            }
            calls.put(harness.publishMissedCall(b.id(), b.number(), caller, Instant.now()), b.id());
            published.incrementAndGet();
            if (i % 100 == 99) {
                harness.flush();
                Thread.sleep(250); // about 400 calls a second
            }
            for (int k = 0; k < killAt.length; k++) {
                if (i == killAt[k]) {
                    harness.flush();
                    Thread.sleep(400); // let it get busy with this burst, then kill it mid-flight
                    harness.kill();
                    System.out.printf("SIGKILL %d after %d calls published (%.1f s)%n", k + 1, i + 1,
                            (System.nanoTime() - t0) / 1e9);
                    harness.start();
                }
            }
        }
        harness.flush();
        System.out.printf("%d calls published in %.1f s; waiting for every outcome%n", published.get(),
                (System.nanoTime() - t0) / 1e9);

        Outcomes o = awaitOutcomes(calls.keySet(), Duration.ofSeconds(240));
        Map<String, Long> perClientRef = harness.submissions.stream()
                .collect(Collectors.groupingBy(DispatchHarness.Submission::clientRef, Collectors.counting()));
        long doubleByRef = perClientRef.values().stream().filter(n -> n > 1).count();
        Map<String, Long> perBusinessCallerStep = harness.submissions.stream()
                .collect(Collectors.groupingBy(s -> s.from() + "|" + s.to() + "|" + o.stepOf(s.clientRef()),
                        Collectors.counting()));
        long doubleTexts = perBusinessCallerStep.values().stream().filter(n -> n > 1).count();
        // resent after the provider's records showed it never got them (SIGKILL before the request left)
        long resentAfterCheck = o.unknownTexts().stream()
                .flatMap(id -> harness.submissions.stream().filter(s -> id.equals(s.clientRef())))
                .filter(s -> harness.vonage().firstRecordsQueryNanos(s.to()).stream()
                        .anyMatch(asked -> asked < s.acceptedNanos()))
                .count();
        Set<String> missing = new HashSet<>(calls.keySet());
        missing.removeAll(o.resolved().keySet());
        System.out.printf("RELIABILITY calls=%d kills=%d texted=%d suppressed=%d (by reason %s) "
                + "withoutTextOrSuppression=%d doubleTexts=%d sameClientRefTwice=%d providerSubmissions=%d "
                + "unknownPublished=%d unknownSettled=%d resentAfterRecordsCheck=%d recordQueries=%d%n", calls.size(),
                harness.kills(), o.texted(calls), o.suppressed(calls), o.reasons(calls), missing.size(), doubleTexts,
                doubleByRef, harness.submissions.size(), o.unknown(), o.reconciled(), resentAfterCheck,
                harness.vonage().recordQueries());

        assertEquals(3, harness.kills());
        assertEquals(Set.of(), missing, "every missed call ends texted or suppressed with a reason");
        assertEquals(0, doubleTexts, "nobody texted twice for the same business and step");
        assertEquals(0, doubleByRef);
    }

    @Test
    void aProviderThatTimesOutAfterAcceptingLeavesTheTextUnknownUntilTheReceiptReconcilesIt() throws Exception {
        Biz b = knownBusiness("biz-slow-", "Slow Provider");
        String caller = caller(new Random());
        harness.slowCallers.add(caller);
        String callId = harness.publishMissedCall(b.id(), b.number(), caller, Instant.now());
        harness.flush();

        Outcomes o = awaitOutcomes(Set.of(callId), Duration.ofSeconds(60));
        String textId = o.textOf(callId);
        List<String> statuses = statusesOf(textId);
        long resends = submissionsTo(caller).size() - 1;
        System.out.printf("PROVIDER-TIMEOUT statuses=%s resends=%d%n", statuses, resends);
        assertEquals("UNKNOWN", statuses.get(0), "the timed-out send is UNKNOWN first");
        assertTrue(statuses.contains("DELIVERED"));
        assertEquals(0, resends, "an UNKNOWN text is never resent");
        JsonNode sent = o.sentOf(callId);
        assertEquals(textId, sent.get("textId").asText(), "the receipt's client-ref reconciled it to SENT");
    }

    @Test
    void aTextThatNeverReachedTheProviderIsSentOnceAfterItsRecordsSaySo() throws Exception {
        Biz b = knownBusiness("biz-lost-", "Lost Request");
        String caller = caller(new Random());
        harness.lostOnceCallers.add(caller);
        int queriesBefore = harness.vonage().recordQueries();
        String callId = harness.publishMissedCall(b.id(), b.number(), caller, Instant.now());
        harness.flush();

        Outcomes o = awaitOutcomes(Set.of(callId), Duration.ofSeconds(90));
        String textId = o.textOf(callId);
        List<String> statuses = statusesOf(textId);
        List<DispatchHarness.Submission> atProvider = submissionsTo(caller);
        System.out.printf("LOST-REQUEST statuses=%s providerSubmissions=%d recordQueries=%d%n", statuses,
                atProvider.size(), harness.vonage().recordQueries() - queriesBefore);
        assertEquals("UNKNOWN", statuses.get(0), "the unanswered send is UNKNOWN first");
        assertEquals(1, atProvider.size(), "the provider got the text once, after its records showed it never had it");
        assertEquals(textId, atProvider.get(0).clientRef());
        assertTrue(harness.vonage().recordQueries() > queriesBefore);
    }

    /** A new business with one number, once sms-dispatch has texted a call to it. */
    private static Biz knownBusiness(String idPrefix, String name) throws InterruptedException {
        Biz b = new Biz(idPrefix + UUID.randomUUID(), "+1646" + (3_000_000 + new Random().nextInt(6_000_000)));
        harness.publishBusiness(b.id(), name, b.number());
        awaitKnown(List.of(b), new Random());
        return b;
    }

    /** The statuses published for this text, in topic order. */
    private static List<String> statusesOf(String textId) {
        return read("textback.text.status-changed.v1").stream().map(SmsDispatchCrashTest::body)
                .filter(e -> textId.equals(e.get("textId").asText())).map(e -> e.get("status").asText()).toList();
    }

    /** What the fake provider accepted for this caller (E.164). */
    private static List<DispatchHarness.Submission> submissionsTo(String caller) {
        return harness.submissions.stream().filter(s -> s.to().equals(caller.substring(1))).toList();
    }

    /**
     * Warm-up calls until each business's call is texted: the businesses and calls topics are read
     * independently, so a call can overtake its business's first snapshot (BUSINESS_UNKNOWN).
     */
    private static void awaitKnown(List<Biz> businesses, Random random) throws InterruptedException {
        List<Biz> unknown = new ArrayList<>(businesses);
        for (int round = 0; round < 30 && !unknown.isEmpty(); round++) {
            Map<String, Biz> calls = new HashMap<>();
            for (Biz b : unknown) {
                calls.put(harness.publishMissedCall(b.id(), b.number(), caller(random), Instant.now()), b);
            }
            harness.flush();
            Outcomes o = awaitOutcomes(calls.keySet(), Duration.ofSeconds(60));
            unknown = calls.entrySet().stream().filter(e -> !o.resolved().containsKey(e.getKey())
                    || !o.resolved().get(e.getKey()).has("textId")).map(Map.Entry::getValue).toList();
            if (!unknown.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        assertEquals(List.of(), unknown, "sms-dispatch knows every business");
    }

    /** What the texts topic says about the calls. */
    record Outcomes(Map<String, JsonNode> resolved, Map<String, JsonNode> sentByTextId, Set<String> unknownTexts) {
        int unknown() {
            return unknownTexts.size();
        }

        /** UNKNOWN texts that were SENT after all (a receipt, or the provider's records, or a resend). */
        int reconciled() {
            return (int) unknownTexts.stream().filter(sentByTextId::containsKey).count();
        }

        long texted(Map<String, String> calls) {
            return resolved.entrySet().stream().filter(e -> calls.containsKey(e.getKey()))
                    .filter(e -> e.getValue().has("textId")).count();
        }

        long suppressed(Map<String, String> calls) {
            return resolved.entrySet().stream().filter(e -> calls.containsKey(e.getKey()))
                    .filter(e -> e.getValue().has("reason")).count();
        }

        Map<String, Long> reasons(Map<String, String> calls) {
            return resolved.entrySet().stream().filter(e -> calls.containsKey(e.getKey()))
                    .filter(e -> e.getValue().has("reason"))
                    .collect(Collectors.groupingBy(e -> e.getValue().get("reason").asText(), Collectors.counting()));
        }

        String stepOf(String textId) {
            JsonNode s = sentByTextId.get(textId);
            return s == null ? "?" + textId : s.get("step").asText();
        }

        String textOf(String callId) {
            return resolved.get(callId).get("textId").asText();
        }

        JsonNode sentOf(String callId) {
            return resolved.get(callId);
        }
    }

    /** Waits until every call has a TextSent (step 0) or a TextSuppressed, or the time is up. */
    private static Outcomes awaitOutcomes(Set<String> callIds, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Outcomes o = outcomes();
            if (o.resolved().keySet().containsAll(callIds) || System.nanoTime() > deadline) {
                return o;
            }
            Thread.sleep(2000);
        }
    }

    private static Outcomes outcomes() {
        Map<String, JsonNode> resolved = new HashMap<>();
        Map<String, JsonNode> sent = new HashMap<>();
        Set<String> unknownTexts = new HashSet<>();
        for (CloudEventRecord r : TopicReader.readAll(harness.bootstrap, "textback.texts.v1", e -> true)) {
            JsonNode e = body(r);
            switch (r.type()) {
                case "textback.text.sent.v1" -> {
                    sent.put(e.get("textId").asText(), e);
                    if (e.get("step").asInt() == 0) {
                        resolved.putIfAbsent(e.get("callId").asText(), e);
                    }
                }
                case "textback.text.suppressed.v1" -> resolved.putIfAbsent(e.get("callId").asText(), e);
                case "textback.text.status-changed.v1" -> {
                    if ("UNKNOWN".equals(e.get("status").asText())) {
                        unknownTexts.add(e.get("textId").asText());
                    }
                }
                default -> {
                }
            }
        }
        return new Outcomes(resolved, sent, unknownTexts);
    }

    private static List<CloudEventRecord> read(String type) {
        return TopicReader.readAll(harness.bootstrap, "textback.texts.v1", e -> type.equals(e.type()));
    }

    private static JsonNode body(CloudEventRecord r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String caller(Random random) {
        int[] areas = {212, 312, 415, 617, 303, 206, 512, 305};
        int exchange = 200 + random.nextInt(800);
        return "+1" + areas[random.nextInt(areas.length)] + (exchange == 555 ? 556 : exchange)
                + String.format("%04d", random.nextInt(10_000));
    }
}
