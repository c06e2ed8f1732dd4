package dev.textback.local.report;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.local.simulator.BusinessTruth;
import dev.textback.local.simulator.ExpectedRoi;
import dev.textback.local.simulator.Http;

/**
 * Fetches each business's ROI summary from metrics-service, compares every figure with the
 * simulator's ground truth and prints them side by side as one table.
 */
public final class RoiReport {
    // Read decimals as BigDecimal, and keep their scale, so figures print as the service wrote them:
    // 0.5750 and 360.00, not 0.575 and 3.6E+2 (the tree model strips trailing zeros by default).
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    /** One business's figures as reported and as expected, and the fields that differ. */
    public record Row(BusinessTruth truth, LocalDate from, LocalDate to, JsonNode actual, Map<String, Object> expected,
            List<String> mismatches) {
        public boolean matches() {
            return mismatches.isEmpty();
        }
    }

    private RoiReport() {
    }

    /** Polls until the reported figures equal the truth for every business, or the time is up. */
    public static List<Row> fetchUntilMatching(String metricsUrl, List<BusinessTruth> truths, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        List<Row> rows = fetch(metricsUrl, truths);
        while (rows.stream().anyMatch(r -> !r.matches()) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            rows = fetch(metricsUrl, truths);
        }
        return rows;
    }

    public static List<Row> fetch(String metricsUrl, List<BusinessTruth> truths) {
        List<Row> rows = new ArrayList<>();
        for (BusinessTruth truth : truths) {
            LocalDate to = LocalDate.now(truth.business().zone());
            // the last 30 days, or from the first call when simulated weeks reach further back
            LocalDate from = truth.firstDay().filter(d -> d.isBefore(to.minusDays(29))).orElse(to.minusDays(29));
            Http.Reply reply = Http.get(metricsUrl + "/api/businesses/" + truth.business().id() + "/roi?from=" + from
                    + "&to=" + to);
            JsonNode actual;
            try {
                actual = reply.status() == 200 ? MAPPER.readTree(reply.body()) : MAPPER.createObjectNode();
            } catch (Exception e) {
                actual = MAPPER.createObjectNode();
            }
            Map<String, Object> expected = ExpectedRoi.compute(truth, from, to);
            rows.add(new Row(truth, from, to, actual, expected, mismatches(expected, actual)));
        }
        return rows;
    }

    private static List<String> mismatches(Map<String, Object> expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        expected.forEach((field, want) -> {
            JsonNode got = actual.get(field);
            boolean gotNull = got == null || got.isNull();
            if (want == null ? !gotNull : gotNull || new BigDecimal(got.asText()).compareTo(new BigDecimal(want.toString())) != 0) {
                out.add(field);
            }
        });
        return out;
    }

    public static void print(List<Row> rows, PrintStream out) {
        if (rows.isEmpty()) {
            return;
        }
        Row first = rows.get(0);
        out.printf("%nROI summary, %s to %s (cohort of missed calls; metrics-service vs simulator ground truth)%n",
                first.from(), first.to());
        List<String> headers = new ArrayList<>();
        headers.add("metric");
        rows.forEach(r -> headers.add(r.truth().business().name()));
        Map<String, List<String>> lines = new LinkedHashMap<>();
        for (String field : first.expected().keySet()) {
            List<String> cells = new ArrayList<>();
            for (Row r : rows) {
                JsonNode got = r.actual().get(field);
                String shown = got == null || got.isNull() ? "-" : got.asText();
                cells.add(r.mismatches().contains(field) ? shown + " (expected " + display(r.expected().get(field)) + ")"
                        : shown);
            }
            lines.put(field, cells);
        }
        List<String> suppressed = new ArrayList<>();
        for (Row r : rows) {
            JsonNode s = r.actual().get("suppressed");
            suppressed.add(s == null ? "-" : s.toString().replace("\"", ""));
        }
        lines.put("suppressed", suppressed);
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
        }
        for (var e : lines.entrySet()) {
            widths[0] = Math.max(widths[0], e.getKey().length());
            for (int i = 0; i < e.getValue().size(); i++) {
                widths[i + 1] = Math.max(widths[i + 1], e.getValue().get(i).length());
            }
        }
        printRow(out, headers, widths);
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append("-".repeat(w)).append("-+-");
        }
        out.println(rule.substring(0, rule.length() - 3));
        lines.forEach((field, cells) -> {
            List<String> row = new ArrayList<>();
            row.add(field);
            row.addAll(cells);
            printRow(out, row, widths);
        });
        boolean all = rows.stream().allMatch(Row::matches);
        out.println();
        out.println(all ? "Every figure matches the simulator's ground truth."
                : "MISMATCH with the simulator's ground truth: " + rows.stream().filter(r -> !r.matches())
                        .map(r -> r.truth().business().name() + " " + r.mismatches()).toList());
    }

    private static String display(Object value) {
        return value == null ? "-" : value.toString();
    }

    private static void printRow(PrintStream out, List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            b.append(i == 0 ? String.format("%-" + widths[i] + "s", c) : String.format("%" + widths[i] + "s", c));
            b.append(i < cells.size() - 1 ? " | " : "");
        }
        out.println(b);
    }
}
