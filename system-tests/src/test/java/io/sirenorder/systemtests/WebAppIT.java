package io.sirenorder.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.sirenorder.local.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web app in a real headless Chromium, against the whole system as {@code ./siren up} runs it: a clerk and a
 * customer, each in a browser context of their own, as on two devices. Needs Chromium at {@code /usr/bin/chromium}
 * (Debian's package, which CI installs); skipped, saying so, without it. Leaves screenshots of both pages at phone
 * and desktop width in {@code target/screenshots/} (the ones in {@code docs/} are copies).
 */
class WebAppIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("siren.chromium", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final double WAIT_MILLIS = 15_000;

    @RegisterExtension
    static final RunningSystem running = RunningSystem.onH2();

    private static Playwright playwright;
    private static Browser browser;

    private final List<String> consoleErrors = new ArrayList<>();
    private BrowserContext customerDevice;
    private BrowserContext clerkDevice;

    @BeforeAll
    static void chromium() {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM
                + " (apt-get install chromium): the browser tests are skipped");
        // the browser is Debian's: Playwright must neither download one nor look for its own
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        // events travel through Kafka and the notification stream: allow a loaded machine more than the 5 s default
        PlaywrightAssertions.setDefaultAssertionTimeout(WAIT_MILLIS);
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        // nothing but the system under test: Chromium would otherwise look up Google's hosts
                        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1")));
    }

    @AfterAll
    static void closeBrowser() {
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void twoDevices() {
        customerDevice = device(390, 844);
        clerkDevice = device(1280, 800);
    }

    @AfterEach
    void noConsoleErrors() {
        customerDevice.close();
        clerkDevice.close();
        assertThat(consoleErrors).as("errors in the browser console").isEmpty();
    }

    @Test
    void aProductTheClerkRegistersAppearsOnAnOpenMenuAndLeavesItWhenSoldOut() {
        Page customer = open(customerDevice, "/");
        assertThat(customer.locator("#live")).hasText("live");
        Page clerk = open(clerkDevice, "/clerk");

        clerk.getByLabel("Name").fill("Flat White");
        clerk.getByLabel("Price (₩)").fill("5200");
        clerk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register")).click();
        assertThat(clerk.locator("#register-outcome")).hasText("Registered Flat White.");

        Locator flatWhite = customer.locator(".menu-item", new Page.LocatorOptions().setHasText("Flat White"));
        assertThat(flatWhite).isVisible();
        assertThat(flatWhite.locator(".price")).hasText("₩5,200");

        Locator row = clerk.locator("#report tbody tr", new Page.LocatorOptions().setHasText("Flat White"));
        row.getByLabel("Status of Flat White").selectOption("SoldOut");

        assertThat(customer.locator(".toast", new Page.LocatorOptions().setHasText("Flat White is sold out.")))
                .isVisible();
        assertThat(flatWhite).hasCount(0);
    }

    @Test
    void aCustomersOrderSucceedsOnScreenAndAppearsInTheClerksReport() {
        long americano = running.http().expect(201, "POST", gateway("/products"),
                "{\"price\": 4100, \"name\": \"Americano\"}").get("id").asLong();
        // the rest of a small menu, for the screenshots
        running.http().expect(201, "POST", gateway("/products"), "{\"price\": 4600, \"name\": \"Caffè Latte\"}");
        running.http().expect(201, "POST", gateway("/products"), "{\"price\": 4900, \"name\": \"Cold Brew\"}");
        running.http().expect(201, "POST", gateway("/products"),
                "{\"price\": 6300, \"name\": \"Strawberry Frappuccino\", \"status\": \"SoldOut\"}");
        // the page shows the menu as order's replica has it, then what is pushed live; just after the start, the
        // replica may not have heard of the new products yet, and a push made before the page listened is gone
        await().atMost(Duration.ofSeconds(20)).until(() -> StreamSupport.stream(
                running.http().get(gateway("/menu")).spliterator(), false)
                .anyMatch(entry -> entry.get("productId").asLong() == americano));
        Page customer = open(customerDevice, "/");
        Locator item = customer.locator(".menu-item", new Page.LocatorOptions().setHasText("Americano"));
        assertThat(item).isVisible();

        item.getByRole(AriaRole.BUTTON).click();
        assertThat(customer.locator("#outcome")).containsText("Ordered: Americano, ₩4,100.");
        assertThat(customer.locator("#orders li")).containsText("Americano");

        Page clerk = open(clerkDevice, "/clerk");
        Locator row = clerk.locator("#report tbody tr[data-product-id=\"%d\"]".formatted(americano));
        assertThat(row.locator("td").nth(4)).hasText("1");
        assertThat(row.locator("td").nth(5)).hasText("₩4,100");

        screenshots(customer, clerk);
    }

    private BrowserContext device(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        context.onPage(page -> {
            page.onConsoleMessage(message -> {
                if (message.type().equals("error")) {
                    consoleErrors.add(page.url() + ": " + message.text());
                }
            });
            page.onPageError(error -> consoleErrors.add(page.url() + ": " + error));
        });
        return context;
    }

    private static Page open(BrowserContext device, String path) {
        Page page = device.newPage();
        page.navigate(gateway(path));
        return page;
    }

    private static void screenshots(Page customer, Page clerk) {
        for (var page : Map.of("customer", customer, "clerk", clerk).entrySet()) {
            for (var width : Map.of("phone", new int[] {390, 844}, "desktop", new int[] {1280, 800}).entrySet()) {
                page.getValue().setViewportSize(width.getValue()[0], width.getValue()[1]);
                page.getValue().screenshot(new Page.ScreenshotOptions().setFullPage(true)
                        .setPath(SCREENSHOTS.resolve(page.getKey() + "-" + width.getKey() + ".png")));
            }
        }
    }

    private static String gateway(String path) {
        return running.local().baseUrl(Service.GATEWAY) + path;
    }
}
