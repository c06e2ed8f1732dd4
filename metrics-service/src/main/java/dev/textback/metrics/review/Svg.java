package dev.textback.metrics.review;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The review page's charts as inline SVG, drawn on the server: no script, no fonts or files to fetch,
 * so the page renders the same everywhere and prints well. Each chart has a title for screen readers.
 */
final class Svg {
    private static final String INK = "#1f2937";
    private static final String MUTED = "#6b7280";
    private static final String BLUE = "#2563eb";
    private static final String GREEN = "#059669";
    private static final String AMBER = "#d97706";

    private Svg() {
    }

    record Bar(String label, double value, String text) {
    }

    /** Horizontal bars, widths relative to the first (the top of the funnel). */
    static String funnel(String title, List<Bar> bars) {
        int rowH = 34;
        int width = 640;
        int labelW = 150;
        int barMax = width - labelW - 110;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        StringBuilder s = open(title, width, rowH * bars.size() + 8);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = i * rowH + 4;
            double w = max <= 0 ? 0 : Math.max(2, barMax * b.value() / max);
            s.append(text(0, y + 21, b.label(), INK, "start", 14));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"24\" rx=\"3\" fill=\"%s\"/>",
                    labelW, y + 4, w, i == bars.size() - 1 ? GREEN : BLUE));
            s.append(text(labelW + w + 8, y + 21, b.text(), INK, "start", 14));
        }
        return s.append("</svg>").toString();
    }

    /** Lines over 12 months for one or two rates (0..1), with month labels. */
    static String rates(String title, List<String> months, List<BigDecimal> a, String aName, List<BigDecimal> b,
            String bName) {
        int width = 640;
        int height = 220;
        int left = 44;
        int top = 24;
        int plotW = width - left - 24;
        int plotH = height - top - 36;
        double max = 0;
        for (List<BigDecimal> series : List.of(a, b)) {
            for (BigDecimal v : series) {
                max = v == null ? max : Math.max(max, v.doubleValue());
            }
        }
        max = max <= 0 ? 1 : Math.min(1, Math.ceil(max * 10) / 10);
        StringBuilder s = open(title, width, height);
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double y = top + plotH - plotH * v / max;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>",
                    left, y, width - 12, y));
            s.append(text(left - 6, y + 4, Math.round(v * 100) + "%", MUTED, "end", 11));
        }
        line(s, a, BLUE, left, top, plotW, plotH, max);
        line(s, b, AMBER, left, top, plotW, plotH, max);
        labels(s, months, left, plotW, height - 14);
        s.append(text(left, 14, "— " + aName, BLUE, "start", 12));
        s.append(text(left + 170, 14, "— " + bName, AMBER, "start", 12));
        return s.append("</svg>").toString();
    }

    /** Bars over 12 months (revenue). */
    static String money(String title, List<String> months, List<BigDecimal> values) {
        int width = 640;
        int height = 200;
        int left = 12;
        int top = 20;
        int plotW = width - left - 12;
        int plotH = height - top - 36;
        double max = values.stream().filter(v -> v != null).mapToDouble(BigDecimal::doubleValue).max().orElse(0);
        StringBuilder s = open(title, width, height);
        double slot = (double) plotW / Math.max(1, values.size());
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i) == null ? 0 : values.get(i).doubleValue();
            double h = max <= 0 ? 0 : plotH * v / max;
            s.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                    left + i * slot + slot * 0.15, top + plotH - h, slot * 0.7, h, GREEN,
                    escape(months.get(i) + ": " + (values.get(i) == null ? "0" : values.get(i).toPlainString()))));
        }
        for (int i = 0; i < months.size(); i++) {
            s.append(text(left + i * slot + slot / 2, height - 14, months.get(i).substring(2), MUTED, "middle", 10));
        }
        return s.append("</svg>").toString();
    }

    /** A 95% interval drawn on a 0..100% scale, with the point estimate. */
    static String interval(BigDecimal low, BigDecimal rate, BigDecimal high) {
        int width = 160;
        StringBuilder s = open("95% interval", width, 18);
        s.append(String.format(Locale.ROOT, "<line x1=\"0\" y1=\"9\" x2=\"%d\" y2=\"9\" stroke=\"#e5e7eb\" stroke-width=\"6\"/>",
                width));
        if (low != null && high != null) {
            s.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"9\" x2=\"%.1f\" y2=\"9\" stroke=\"%s\" stroke-width=\"6\"/>",
                    width * low.doubleValue(), width * high.doubleValue(), "#93c5fd"));
        }
        if (rate != null) {
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"9\" r=\"5\" fill=\"%s\"/>",
                    width * rate.doubleValue(), BLUE));
        }
        return s.append("</svg>").toString();
    }

    private static void line(StringBuilder s, List<BigDecimal> series, String colour, int left, int top, int plotW,
            int plotH, double max) {
        StringBuilder points = new StringBuilder();
        double step = series.size() <= 1 ? 0 : (double) plotW / (series.size() - 1);
        for (int i = 0; i < series.size(); i++) {
            BigDecimal v = series.get(i);
            if (v == null) {
                continue; // no denominator that month: a gap, not a zero
            }
            double x = left + i * step;
            double y = top + plotH - plotH * v.doubleValue() / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y, colour));
        }
        if (points.length() > 0) {
            s.append(String.format(Locale.ROOT,
                    "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>", points.toString().trim(),
                    colour));
        }
    }

    private static void labels(StringBuilder s, List<String> months, int left, int plotW, int y) {
        double step = months.size() <= 1 ? 0 : (double) plotW / (months.size() - 1);
        for (int i = 0; i < months.size(); i++) {
            s.append(text(left + i * step, y, months.get(i).substring(2), MUTED, "middle", 10));
        }
    }

    private static StringBuilder open(String title, int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
                        + "aria-label=\"%s\"><title>%s</title>",
                width, height, escape(title), escape(title)));
    }

    private static String text(double x, double y, String value, String colour, String anchor, int size) {
        return String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" text-anchor=\"%s\" font-size=\"%d\" "
                        + "font-family=\"system-ui, sans-serif\">%s</text>",
                x, y, colour, anchor, size, escape(value));
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
