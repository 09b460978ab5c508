package io.sirenorder.order.domain;

/**
 * What an order becomes when the catalogue cannot be asked (the product service is down, slow, its breaker is open
 * or too many orders already wait on it).
 */
public enum WhenCatalogueUnavailable {
    /** Nothing is ordered: the customer is told to try again shortly (503). The default. */
    REFUSE,
    /**
     * Graceful degradation: the order is accepted from the menu replica's last known price and status when the
     * replica shows the product orderable, and marked {@link io.sirenorder.events.CheckedAgainst#Menu}; refused
     * (409) when the replica shows it sold out or without a price; refused as unavailable (503) when the replica
     * does not know the product, since that does not mean it does not exist.
     */
    ACCEPT_FROM_MENU;

    public boolean acceptsFromMenu() {
        return this == ACCEPT_FROM_MENU;
    }
}
