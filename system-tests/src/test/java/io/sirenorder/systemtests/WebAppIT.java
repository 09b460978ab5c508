package io.sirenorder.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.sirenorder.systemtests.WebAppPages.button;
import static io.sirenorder.systemtests.WebAppPages.card;
import static io.sirenorder.systemtests.WebAppPages.cardIn;
import static io.sirenorder.systemtests.WebAppPages.order;
import static io.sirenorder.systemtests.WebAppPages.orderLine;
import static io.sirenorder.systemtests.WebAppPages.register;
import static io.sirenorder.systemtests.WebAppPages.signIn;
import static io.sirenorder.systemtests.WebAppPages.signsInAgain;
import static io.sirenorder.systemtests.WebAppPages.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.sirenorder.local.Service;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * customer, each in a browser context of their own, as on two devices, each signing in on auth's own login page
 * through the gateway (the authorization code flow with PKCE that the pages run). Needs Chromium at
 * {@code /usr/bin/chromium} (Debian's package, which CI installs); skipped, saying so, without it. Leaves screenshots
 * of both pages at phone and desktop width in {@code target/screenshots/} (the ones in {@code docs/} are copies).
 */
class WebAppIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("siren.chromium", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final double WAIT_MILLIS = 15_000;
    private static final double FIRST_ORDER_EVENT_MILLIS = 45_000;

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
    void aClerkSignsInAndRegistersAProductThatAppearsOnAnOpenMenuAndLeavesItWhenSoldOut() {
        // anyone may look at the menu, and follow it live
        Page customer = open(customerDevice, "/");
        assertThat(customer.locator("#live")).hasText("live");
        assertThat(customer.locator("#sign-in")).isVisible();

        Page clerk = open(clerkDevice, "/clerk");
        assertThat(clerk.locator("#clerk-sign-in")).isVisible();
        assertThat(clerk.locator("#report")).isHidden();
        signIn(clerk, "clerk", "clerk");
        assertThat(clerk.locator("#account-name")).hasText("clerk (clerk)");

        register(clerk, "Flat White", "5200", "Available");

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
    void aCustomerSignsInOrdersAndSeesTheOrderInTheirListConfirmedLiveAndInTheClerksReport() {
        Page clerk = open(clerkDevice, "/clerk");
        signIn(clerk, "clerk", "clerk");
        long americano = register(clerk, "Americano", "4100", "Available");
        // the rest of a small menu, for the screenshots
        register(clerk, "Caffè Latte", "4600", "Available");
        register(clerk, "Cold Brew", "4900", "Available");
        register(clerk, "Strawberry Frappuccino", "6300", "SoldOut");
        awaitOnTheMenu(americano);
        running.awaitNotificationListening();

        Page customer = open(customerDevice, "/");
        Locator item = customer.locator(".menu-item", new Page.LocatorOptions().setHasText("Americano"));
        assertThat(item).isVisible();
        assertThat(customer.locator("#orders-signed-out")).containsText("Sign in to order");
        signIn(customer, "alice", "alice");
        assertThat(customer.locator("#account-name")).hasText("alice (customer)");
        assertThat(customer.locator("#orders-empty")).isVisible();
        assertThat(customer.locator("#live")).hasText("live");

        item.getByRole(AriaRole.BUTTON).click();
        assertThat(customer.locator("#outcome")).containsText("Ordered: Americano, ₩4,100.");
        Locator order = customer.locator("#orders li");
        assertThat(order).hasCount(1);
        assertThat(order).containsText("1 × Americano · ₩4,100");
        // the order's own event, pushed to alice alone on the stream she opened with her token; it is the first event
        // order sends to Kafka since it started, and twice it had not come within 15 s while other system tests
        // kept the machine busy
        assertThat(order).hasAttribute("data-state", "confirmed",
                new LocatorAssertions.HasAttributeOptions().setTimeout(FIRST_ORDER_EVENT_MILLIS));
        assertThat(order.locator(".order-state")).hasText("✓ confirmed");
        String orderId = order.getAttribute("data-order-id");

        // nothing of it is kept in the browser but the token: the list comes from GET /orders, as alice's
        customer.reload();
        assertThat(customer.locator("#account-name")).hasText("alice (customer)");
        assertThat(customer.locator("#orders li[data-order-id=\"%s\"]".formatted(orderId)))
                .containsText("1 × Americano · ₩4,100");
        assertThat(customer.locator("#live")).hasText("live");

        // the newest order first
        customer.locator(".menu-item", new Page.LocatorOptions().setHasText("Caffè Latte"))
                .getByRole(AriaRole.BUTTON).click();
        assertThat(customer.locator("#outcome")).containsText("Ordered: Caffè Latte, ₩4,600.");
        assertThat(customer.locator("#orders li")).hasCount(2);
        assertThat(customer.locator("#orders li").first()).containsText("1 × Caffè Latte · ₩4,600");
        assertThat(customer.locator("#orders li").first()).hasAttribute("data-state", "confirmed");

        Locator row = clerk.locator("#report tbody tr[data-product-id=\"%d\"]".formatted(americano));
        assertThat(row.locator("td").nth(4)).hasText("1");
        assertThat(row.locator("td").nth(5)).hasText("0"); // cancelled
        assertThat(row.locator("td").nth(6)).hasText("₩4,100");

        screenshots(customer, clerk);
    }

    @Test
    void aCustomerSignedInCannotOpenTheClerksPage() {
        Page page = open(customerDevice, "/clerk");
        List<String> clerksRequests = new ArrayList<>();
        page.onRequest(request -> {
            String path = URI.create(request.url()).getPath();
            if (path.startsWith("/reports") || (path.startsWith("/products") && !request.method().equals("GET"))) {
                clerksRequests.add(request.method() + " " + path);
            }
        });
        // a customer new to the shop: signing in locally with their name as the password makes them one
        signIn(page, "bora", "bora");
        assertThat(page.locator("#account-name")).hasText("bora (customer)");

        assertThat(page.locator("#not-a-clerk")).isVisible();
        assertThat(page.locator("#not-a-clerk")).containsText("This page is for clerks");
        assertThat(page.locator("#not-a-clerk")).containsText("You are signed in as bora, a customer");
        assertThat(page.locator("#register")).isHidden();
        assertThat(page.locator("#report")).isHidden();
        assertThat(page.locator("#report tbody tr")).hasCount(0);
        page.reload();
        assertThat(page.locator("#not-a-clerk")).isVisible();
        assertThat(clerksRequests).as("the clerk's API asked for by a customer's page").isEmpty();
    }

    @Test
    void aTokenRefusedOrExpiredSignsInAgainAndSigningOutEndsTheSignInAtAuthToo() {
        Page customer = open(customerDevice, "/");
        signIn(customer, "chloe", "chloe");
        assertThat(customer.locator("#orders-mine")).isVisible();

        // a token the gateway refuses (401: here forged, as after auth restarted with a new key): the page signs in
        // again by itself, and auth, which still knows chloe, sends her straight back with a good one
        String forged = token(customer).substring(0, token(customer).lastIndexOf('.') + 1) + "forged";
        customer.evaluate("token => sessionStorage.setItem('siren.accessToken', token)", forged);
        signsInAgain(customer, customer::reload);
        assertThat(customer.locator("#account-name")).hasText("chloe (customer)");
        assertThat(customer.locator("#orders-mine")).isVisible();
        String renewed = token(customer);
        assertThat(renewed).isNotEqualTo(forged);
        // the refusals the forged token met, which the browser reports as console errors
        assertThat(consoleErrors).allMatch(error -> error.contains("status of 401"));
        consoleErrors.clear();

        // a token past its expiry is not sent at all: the page signs in again before using it (as an hour later;
        // the page signs in again by itself at most once a minute, so that a refusal cannot loop)
        customer.evaluate("""
                () => {
                  const [header, payload, signature] = sessionStorage.getItem('siren.accessToken').split('.');
                  const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
                  claims.exp = Math.floor(Date.now() / 1000) - 1;
                  const expired = btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\\+/g, '-')
                      .replace(/\\//g, '_');
                  sessionStorage.setItem('siren.accessToken', `${header}.${expired}.${signature}`);
                  sessionStorage.removeItem('siren.lastAutomaticSignIn');
                }""");
        signsInAgain(customer, customer::reload);
        assertThat(customer.locator("#account-name")).hasText("chloe (customer)");
        assertThat(token(customer)).isNotEqualTo(renewed);

        // signing out forgets the token and ends auth's session: signing in asks for the password again
        customer.locator("#sign-out").click();
        assertThat(customer.locator("#sign-in")).isVisible();
        assertThat(customer.locator("#orders-signed-out")).isVisible();
        assertThat(customer.locator("#account-name")).isHidden();
        assertThat(token(customer)).isNull();
        signIn(customer, "chloe", "chloe");
        assertThat(customer.locator("#account-name")).hasText("chloe (customer)");
    }

    @Test
    void aClerkMovesAnOrderAlongTheQueueBoardAndTheCustomersPageSaysItIsReady() {
        Page clerk = open(clerkDevice, "/clerk");
        signIn(clerk, "clerk", "clerk");
        long hojicha = register(clerk, "Hojicha Latte", "5500", "Available");
        long yuja = register(clerk, "Yuja Tea", "4800", "Available");
        awaitOnTheMenu(hojicha, yuja);
        running.awaitNotificationListening();
        // the clerk's stream, opened with the clerk's token, tells of every customer's orders
        assertThat(clerk.locator("#live")).hasText("live");

        Page customer = open(customerDevice, "/");
        signIn(customer, "dana", "dana");
        assertThat(customer.locator("#live")).hasText("live");
        String latte = order(customer, "Hojicha Latte");
        String tea = order(customer, "Yuja Tea");
        Locator latteLine = orderLine(customer, latte);
        assertThat(latteLine).hasAttribute("data-status", "Ordered");
        assertThat(latteLine.locator(".order-status")).hasText("Ordered");

        // on the board the page already showed, without a reload: in Ordered, oldest first, saying what and whose
        Locator latteCard = card(clerk, latte);
        assertThat(cardIn(clerk, "Ordered", latte)).containsText("#" + latte + " 1 × Hojicha Latte");
        assertThat(latteCard.locator(".card-customer")).hasText("dana");
        assertThat(latteCard.locator(".card-age")).hasText("just now");
        assertThat(cardIn(clerk, "Ordered", tea)).containsText("1 × Yuja Tea");
        List<?> ordered = (List<?>) clerk.locator("#queue-Ordered .queue-card")
                .evaluateAll("cards => cards.map(card => card.dataset.orderId)");
        assertThat(ordered.indexOf(latte)).isLessThan(ordered.indexOf(tea));
        // another customer's order, for the board to show one in each column
        String another = String.valueOf(running.customer("eun").expect(201, "POST", gateway("/orders"),
                "{\"productId\": %d}".formatted(yuja)).get("id").asLong());
        button(cardIn(clerk, "Ordered", another), "Start").click();
        assertThat(cardIn(clerk, "Preparing", another)).containsText("eun");

        button(latteCard, "Start").click();
        assertThat(cardIn(clerk, "Preparing", latte)).isVisible();
        assertThat(latteLine).hasAttribute("data-status", "Preparing");
        assertThat(latteLine.locator(".order-cancel")).isHidden();
        button(latteCard, "Ready").click();
        assertThat(cardIn(clerk, "Ready", latte)).isVisible();
        assertThat(clerk.locator("#queue-outcome")).hasText("Order #%s is ready.".formatted(latte));

        // the customer's page says so plainly, at the top, and for a screen reader
        assertThat(latteLine).hasAttribute("data-status", "Ready");
        assertThat(latteLine.locator(".order-status")).hasText("Ready");
        assertThat(customer.locator("#ready-news")).isVisible();
        assertThat(customer.locator("#ready-news")).containsText("Your Hojicha Latte is ready to pick up.");
        assertThat(customer.locator("#order-news"))
                .hasText("Your Hojicha Latte is ready to pick up. Order #%s.".formatted(latte));
        assertThat(orderLine(customer, tea)).hasAttribute("data-status", "Ordered");

        clerk.setViewportSize(1024, 768);
        laidOut(clerk);
        clerk.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("clerk-queue-tablet.png")));
        customer.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(SCREENSHOTS.resolve("customer-ready-phone.png")));

        button(latteCard, "Picked up").click();
        assertThat(latteCard).hasCount(0);
        assertThat(latteLine).hasAttribute("data-status", "PickedUp");
        assertThat(latteLine.locator(".order-status")).hasText("Picked up");
        assertThat(customer.locator("#ready-news")).isHidden();

        // the customer cancels the order still Ordered: it says so on their page and leaves the board
        Locator teaLine = orderLine(customer, tea);
        Locator cancel = button(teaLine, "Cancel");
        cancel.click();
        // one press only asks: a cancel cannot be undone
        assertThat(cancel).hasAttribute("data-asking", "true");
        assertThat(cancel).hasText("Sure? Cancel");
        assertThat(teaLine).hasAttribute("data-status", "Ordered");
        cancel.click();
        assertThat(customer.locator("#outcome")).hasText("Order #%s is cancelled.".formatted(tea));
        assertThat(teaLine).hasAttribute("data-status", "Cancelled");
        assertThat(teaLine.locator(".order-status")).hasText("Cancelled");
        assertThat(teaLine.locator(".order-cancel")).isHidden();
        assertThat(card(clerk, tea)).hasCount(0);
        assertThat(cardIn(clerk, "Preparing", another)).isVisible();
    }

    @Test
    void aQueueBoardThatMissedAMoveIsToldWhereTheOrderIsAndPutsTheCardThere() {
        long espresso = running.clerk().expect(201, "POST", gateway("/products"),
                "{\"name\": \"Espresso\", \"price\": 3200, \"status\": \"Available\"}").get("id").asLong();
        String ordered = String.valueOf(running.customer("fern").expect(201, "POST", gateway("/orders"),
                "{\"productId\": %d}".formatted(espresso)).get("id").asLong());
        // a board whose stream tells it nothing (as one behind, or cut off): what it shows is what it loaded
        clerkDevice.route("**/notifications/stream**", route -> route.fulfill(new Route.FulfillOptions()
                .setStatus(200).setContentType("text/event-stream").setBody("retry: 3600000\n\n")));
        Page board = open(clerkDevice, "/clerk");
        signIn(board, "clerk", "clerk");
        Locator espressoCard = cardIn(board, "Ordered", ordered);
        assertThat(espressoCard).containsText("1 × Espresso");

        // another clerk starts it meanwhile: Start on this board is refused, and the card goes where the order is
        running.clerk().expect(200, "PATCH", gateway("/orders/" + ordered), "{\"status\": \"Preparing\"}");
        button(espressoCard, "Start").click();
        assertThat(board.locator("#queue-outcome")).hasText(("Not moved: Order %s is Preparing, so it cannot move to "
                + "Preparing: it can move to Ready or Cancelled.").formatted(ordered));
        assertThat(board.locator("#queue-outcome")).hasAttribute("data-kind", "refused");
        // the refusal, which the browser reports as a console error
        assertThat(consoleErrors).singleElement().asString().contains("status of 409");
        consoleErrors.clear();
        Locator preparing = cardIn(board, "Preparing", ordered);
        assertThat(preparing).isVisible();
        assertThat(espressoCard).hasCount(0);
        // with the buttons of where it is now
        button(preparing, "Ready").click();
        assertThat(cardIn(board, "Ready", ordered)).isVisible();
    }

    private BrowserContext device(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        context.onPage(page -> {
            page.onConsoleMessage(message -> {
                if (message.type().equals("error")) {
                    consoleErrors.add(page.url() + ": " + message.text() + " (" + message.location() + ")");
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
                laidOut(page.getValue());
                page.getValue().screenshot(new Page.ScreenshotOptions().setFullPage(true)
                        .setPath(SCREENSHOTS.resolve(page.getKey() + "-" + width.getKey() + ".png")));
            }
        }
    }

    /**
     * Waits until the page has been drawn at its new size: a full-page screenshot taken at once showed part of a
     * long page still laid out for the width before.
     */
    private static void laidOut(Page page) {
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
    }

    /**
     * The pages show the menu as order's replica has it, then what is pushed live; just after the start, the replica
     * may not have heard of new products yet, and a push made before a page listened is gone.
     */
    private static void awaitOnTheMenu(long... productIds) {
        await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(productIds).allMatch(productId ->
                StreamSupport.stream(running.http().get(gateway("/menu")).spliterator(), false)
                        .anyMatch(entry -> entry.get("productId").asLong() == productId)));
    }

    private static String gateway(String path) {
        return running.local().baseUrl(Service.GATEWAY) + path;
    }
}
