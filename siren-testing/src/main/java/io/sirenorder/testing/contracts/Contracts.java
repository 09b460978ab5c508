package io.sirenorder.testing.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What one service answers another, by example. The tests of both sides read the same example: the provider's prove
 * it answers in this shape, the consumer's that it reads this shape, so neither can drift without a test failing.
 */
public final class Contracts {

    private Contracts() {
    }

    /**
     * Product's answer to {@code GET /products/{id}/availability}, which order asks before accepting an order:
     * product 7, at 4,500 KRW, available and orderable, as of its version 3.
     */
    public static String productAvailability() {
        return read("product-availability.json");
    }

    private static String read(String name) {
        try (InputStream example = Contracts.class.getResourceAsStream(name)) {
            if (example == null) {
                throw new IllegalStateException("no contract example " + name);
            }
            return new String(example.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
