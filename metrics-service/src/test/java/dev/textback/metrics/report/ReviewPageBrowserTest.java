package dev.textback.metrics.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import dev.textback.infra.TestTokens;
import dev.textback.metrics.review.Format;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The monthly review page in a real headless Chromium (Debian's chromium and chromedriver): it loads
 * with the API's bearer token, shows the numbers the API gives, logs no console error, and leaves a
 * screenshot in target/. Without the browser the test is skipped, unless TEXTBACK_REQUIRE_BROWSER=1
 * (CI) makes a missing browser a failure.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewPageBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TestHTTPResource("/")
    URL base;

    private final RawEvents ev = new RawEvents("biz-" + UUID.randomUUID());
    private ChromeDriver driver;
    private Path profile;
    private boolean folded;

    @BeforeAll
    void browserAndData() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String message = "the review page test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver)";
            if ("1".equals(System.getenv("TEXTBACK_REQUIRE_BROWSER"))) {
                fail("TEXTBACK_REQUIRE_BROWSER=1 but " + message);
            }
            Assumptions.abort("skipped: " + message);
        }
        play();
        profile = Files.createTempDirectory("textback-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=1200,2400");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // The page is under /api: the browser sends the same bearer token an API client would.
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", "Bearer " + TestTokens.admin())));
    }

    private void play() {
        String b = ev.businessId;
        ev.profile("America/New_York", "250.00", "120.00", 1);
        Instant march = Instant.parse("2025-03-12T14:00:00Z");
        Instant april = Instant.parse("2025-04-08T14:00:00Z");
        for (int i = 0; i < 6; i++) {
            Instant t = (i < 2 ? march : april).plusSeconds(3_600L * i);
            String caller = "+1415555020" + i;
            String variant = i % 2 == 0 ? "A" : "B";
            ev.call("c" + i + b, caller, "MISSED", t);
            ev.textSent("t" + i + b, "L" + i + b, "c" + i + b, caller, 0, variant, t, t.plusSeconds(15 + 10 * i), "0.0079");
            ev.receipt("t" + i + b, "L" + i + b, caller, 0, i == 5 ? "FAILED" : "DELIVERED", t.plusSeconds(60 + 10 * i));
            if (i % 3 != 2 && i != 5) {
                ev.reply("L" + i + b, caller, 0, t.plusSeconds(600));
            }
            if (i == 0 || i == 3) {
                ev.conversion("v" + i + b, caller, "c" + i + b, i == 0 ? "180.00" : "420.00", false, 1,
                        t.plusSeconds(86_400));
            }
        }
        ev.call("cw" + b, null, "MISSED", april.plusSeconds(500));
        ev.suppressed("cw" + b, null, null, "CALLER_WITHHELD", april.plusSeconds(500));
    }

    /** REST Assured knows the port and the token only inside a test: wait there for the fold. */
    private void folded() {
        if (folded) {
            return;
        }
        String b = ev.businessId;
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().queryParam("from", "2025-03-01").queryParam("to", "2025-04-30")
                        .get("/api/businesses/{id}/roi", b).then().statusCode(200)
                        .body("texted", equalTo(6)).body("delivered", equalTo(5)).body("converted", equalTo(2))
                        .body("replied", equalTo(4)));
        folded = true;
    }

    @AfterAll
    void quit() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void theReviewPageShowsTheApisNumbersWithoutConsoleErrors() throws Exception {
        folded();
        driver.get(new URL(base, "api/businesses/" + ev.businessId + "/review?month=2025-04").toString());
        assertEquals("2025-04", driver.findElement(By.id("month")).getAttribute("data-month"));
        assertTrue(driver.getTitle().contains("Review Test"), driver.getTitle());

        JsonPath api = given().config(ReportsFlowTest.DECIMALS).queryParam("from", "2025-04-01")
                .queryParam("to", "2025-04-30").get("/api/businesses/{id}/roi", ev.businessId).then().statusCode(200)
                .extract().jsonPath();
        List<WebElement> tiles = driver.findElements(By.cssSelector(".tile[data-figure]"));
        assertEquals(9, tiles.size());
        for (WebElement tile : tiles) {
            String figure = tile.getAttribute("data-figure");
            Object value = api.get(figure);
            String expected = value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
            assertEquals(expected, tile.getAttribute("data-value"), figure);
            assertEquals(shown(figure, value), tile.findElement(By.cssSelector(".text")).getText(), figure);
        }
        String funnel = driver.findElement(By.id("funnel")).getText();
        assertTrue(funnel.contains("Missed calls") && funnel.contains(api.getString("missedCalls")), funnel);

        JsonPath variants = given().config(ReportsFlowTest.DECIMALS).queryParam("from", "2025-04-01")
                .queryParam("to", "2025-04-30").get("/api/businesses/{id}/variants", ev.businessId).then()
                .statusCode(200).extract().jsonPath();
        List<WebElement> rows = driver.findElements(By.cssSelector("#variants tbody tr"));
        assertEquals(variants.getList("variants").size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            WebElement row = rows.get(i);
            assertEquals(variants.getString("variants[" + i + "].variant"), row.getAttribute("data-variant"));
            assertEquals(Format.percent(variants.get("variants[" + i + "].replyRate")),
                    row.findElement(By.cssSelector(".reply-rate")).getText());
            assertEquals(variants.getString("variants[" + i + "].verdict"),
                    row.findElement(By.cssSelector(".verdict")).getText());
        }
        assertEquals(3, driver.findElements(By.cssSelector("svg[role=img]")).size() - rows.size(),
                "funnel, rates and revenue charts besides one interval per variant");

        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList(), "browser console");

        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "review-page.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(target) > 10_000, "a screenshot with something on it");
    }

    @Test
    void theReviewPageIsBehindTheSameTokenRulesAsTheApi() {
        folded();
        String path = "/api/businesses/{id}/review";
        given().header("Authorization", "Bearer " + TestTokens.forged()).get(path, ev.businessId).then()
                .statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.business("someone-else")).get(path, ev.businessId)
                .then().statusCode(404);
        given().header("Authorization", "Bearer " + TestTokens.business(ev.businessId))
                .queryParam("month", "2025-04").get(path, ev.businessId).then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("Monthly review"));
        given().queryParam("month", "2025-4").get(path, ev.businessId).then().statusCode(400)
                .body("errors[0].field", equalTo("month"));
    }

    private static String shown(String figure, Object value) {
        BigDecimal d = value == null ? null : new BigDecimal(value.toString());
        return switch (figure) {
            case "revenue", "cost", "recoveredClientValue" -> Format.money(d, "USD");
            case "roi" -> Format.roi(d);
            case "paybackDays" -> Format.days(d);
            case "replyRate", "conversionRate" -> Format.percent(d);
            case "speedToTextP50Seconds", "speedToTextP95Seconds" -> Format.seconds(d == null ? null : d.intValue());
            default -> throw new IllegalArgumentException(figure);
        };
    }
}
