package dev.textback.metrics.review;

import java.util.List;

import io.quarkus.qute.TemplateData;

/** Everything the monthly review template shows, already formatted; the charts are inline SVG. */
@TemplateData
public record ReviewPage(
        String businessId,
        String businessName,
        String month,
        String monthLabel,
        String headline,
        List<Tile> tiles,
        String funnelSvg,
        String ratesSvg,
        String revenueSvg,
        List<VariantLine> variants,
        String variantsNote,
        List<StepLine> steps) {

    /**
     * One figure: {@code figure} is the API field it shows and {@code value} the API's value as
     * written in JSON (empty when absent), so a test can hold the page to the API.
     */
    @TemplateData
    public record Tile(String figure, String label, String text, String value, String note) {
    }

    @TemplateData
    public record VariantLine(String variant, String texted, String replyRate, String intervalText,
            String intervalSvg, String conversionRate, String revenue, String verdict) {
    }

    @TemplateData
    public record StepLine(String step, String sent, String replied, String replyRate, String added) {
    }
}
