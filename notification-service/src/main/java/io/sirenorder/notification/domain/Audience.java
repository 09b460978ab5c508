package io.sirenorder.notification.domain;

/** Who listens on a stream: anyone, who hears of menu changes, or a customer, who also hears of their own orders. */
public record Audience(String customerId) {

    public static final Audience ANYONE = new Audience(null);

    public Audience {
        if (customerId != null && customerId.isBlank()) {
            customerId = null;
        }
    }

    public boolean receives(Notification notification) {
        return switch (notification) {
            case ProductChanged product -> true;
            case OrderOutcome order -> customerId != null && customerId.equals(order.customerId());
        };
    }
}
