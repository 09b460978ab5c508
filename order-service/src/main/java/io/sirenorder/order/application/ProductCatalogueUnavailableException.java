package io.sirenorder.order.application;

import java.time.Duration;

/**
 * The catalogue did not answer in time (down, slow, or its breaker is open); {@code retryAfter} says when to try
 * again.
 */
public class ProductCatalogueUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public ProductCatalogueUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
