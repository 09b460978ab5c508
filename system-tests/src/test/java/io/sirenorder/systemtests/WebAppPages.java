package io.sirenorder.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;

/** What {@link WebAppIT} does on the web app's pages, as a person does it: signing in, registering, ordering. */
final class WebAppPages {

    private WebAppPages() {
    }

    /**
     * Signs in from {@code page}'s "Sign in" button on auth's real login page (through the gateway), and waits until
     * the browser is back on the page, signed in.
     */
    static void signIn(Page page, String name, String password) {
        String back = page.url();
        page.locator("#sign-in").click();
        page.waitForURL(url -> URI.create(url).getPath().equals("/login"));
        page.locator("input[name=username]").fill(name);
        page.locator("input[name=password]").fill(password);
        page.locator("form button[type=submit]").click();
        page.waitForURL(back);
        assertThat(page.locator("#sign-out")).isVisible();
    }

    /** Waits until {@code action} has led {@code page} to sign in again, without a login form, and back. */
    static void signsInAgain(Page page, Runnable action) {
        String back = page.url();
        page.waitForResponse(response -> response.url().endsWith("/oauth2/token"), action);
        page.waitForURL(back);
        assertThat(page.locator("#sign-out")).isVisible();
    }

    static String token(Page page) {
        return (String) page.evaluate("sessionStorage.getItem('siren.accessToken')");
    }

    /** Registers a product on the clerk's page, and returns its id once it is in the report. */
    static long register(Page clerk, String name, String price, String status) {
        clerk.getByLabel("Name").fill(name);
        clerk.getByLabel("Price (₩)").fill(price);
        clerk.locator("#register select[name=status]").selectOption(status);
        clerk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register")).click();
        assertThat(clerk.locator("#register-outcome")).hasText("Registered " + name + ".");
        Locator row = clerk.locator("#report tbody tr", new Page.LocatorOptions().setHasText(name));
        assertThat(row).hasCount(1);
        return Long.parseLong(row.getAttribute("data-product-id"));
    }

    /**
     * Orders {@code productName} from the customer's menu, a product this customer has not ordered before, and
     * returns the order's id as their list shows it.
     */
    static String order(Page customer, String productName) {
        customer.locator(".menu-item", new Page.LocatorOptions().setHasText(productName))
                .getByRole(AriaRole.BUTTON).click();
        assertThat(customer.locator("#outcome")).containsText("Ordered: " + productName + ",");
        Locator order = customer.locator("#orders li", new Page.LocatorOptions().setHasText(productName));
        assertThat(order).hasCount(1);
        return order.getAttribute("data-order-id");
    }

    /** The order's line in the customer's list. */
    static Locator orderLine(Page customer, String orderId) {
        return customer.locator("#orders li[data-order-id=\"%s\"]".formatted(orderId));
    }

    /** The order's card on the clerk's queue board, in whichever column. */
    static Locator card(Page clerk, String orderId) {
        return clerk.locator("#queue .queue-card[data-order-id=\"%s\"]".formatted(orderId));
    }

    /** The order's card on the clerk's queue board in the column of {@code status}. */
    static Locator cardIn(Page clerk, String status, String orderId) {
        return clerk.locator("#queue-%s .queue-card[data-order-id=\"%s\"]".formatted(status, orderId));
    }

    /** A button of the card, by what it says ("Start", "Ready", "Picked up", "Cancel"). */
    static Locator button(Locator card, String says) {
        return card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(says));
    }
}
