package dev.textback.dispatch.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * What one recipient's time-zone lookup costs (docs/benchmarks.md, sms-dispatch): the lookup as it was
 * (libphonenumber, then every id checked against a fresh {@code ZoneId.getAvailableZoneIds()}), and
 * {@link TextingHours#zonesOf} for a number seen for the first time and again. Opt-in:
 * {@code ./mvnw -B -o test -pl sms-dispatch -Dtest=ZoneLookupBenchmark -Dtextback.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "textback.benchmark", matches = "true")
class ZoneLookupBenchmark {
    private static final int NUMBERS = 20_000;

    @Test
    void microsecondsPerLookup() throws Exception {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneNumberToTimeZonesMapper zones = PhoneNumberToTimeZonesMapper.getInstance();
        ZoneId fallback = ZoneId.of("UTC");
        for (int round = 1; round <= 4; round++) {
            String[] numbers = numbers(new Random(round)); // new numbers each round: "first" is a real miss
            long t = System.nanoTime();
            int before = 0;
            for (String n : numbers) {
                for (String id : zones.getTimeZonesForNumber(util.parse(n, "ZZ"))) {
                    if (ZoneId.getAvailableZoneIds().contains(id)) {
                        before++;
                    }
                }
            }
            long asItWas = System.nanoTime() - t;
            t = System.nanoTime();
            int first = 0;
            for (String n : numbers) {
                first += TextingHours.zonesOf(n, fallback).size();
            }
            long firstTime = System.nanoTime() - t;
            t = System.nanoTime();
            for (String n : numbers) {
                TextingHours.zonesOf(n, fallback);
            }
            long again = System.nanoTime() - t;
            assertEquals(before, first, "the same zones either way");
            System.out.printf("[benchmark] zone lookup, round %d: as it was %.1f us, first time %.1f us, again %.2f us%n",
                    round, asItWas / 1e3 / NUMBERS, firstTime / 1e3 / NUMBERS, again / 1e3 / NUMBERS);
        }
    }

    private static String[] numbers(Random random) {
        int[] areas = {212, 312, 415, 617, 303, 702};
        String[] out = new String[NUMBERS];
        for (int i = 0; i < out.length; i++) {
            out[i] = "+1" + areas[random.nextInt(areas.length)] + (200 + random.nextInt(700))
                    + String.format("%04d", random.nextInt(10_000));
        }
        return out;
    }
}
