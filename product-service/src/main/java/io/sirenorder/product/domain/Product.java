package io.sirenorder.product.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A menu item as the catalogue knows it. Immutable: every change gives a new {@code Product} whose {@code version}
 * is one higher, which is what lets every other service apply changes in order and drop stale ones.
 *
 * @param id 0 until the catalogue has stored it
 */
public record Product(long id, String name, int price, ProductStatus status, long version, Instant registeredAt,
                      Instant statusChangedAt) {

    public static final int MAX_NAME_LENGTH = 100;

    public Product {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(statusChangedAt, "statusChangedAt");
    }

    /** A new product, checked against the catalogue's rules; a missing status means Available. */
    public static Product register(String name, Integer price, ProductStatus status, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (price == null) {
            errors.add(FieldError.of("price", "is required"));
        }
        check(name, price, errors);
        if (!errors.isEmpty()) {
            throw new InvalidProductException(errors);
        }
        return new Product(0, normalized(name), price, status == null ? ProductStatus.Available : status, 1, now,
                now);
    }

    public Product withId(long id) {
        return new Product(id, name, price, status, version, registeredAt, statusChangedAt);
    }

    /** This product after {@code change}; the same product when the change changes nothing. */
    public Product apply(ProductChange change, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        check(change.name(), change.price(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidProductException(errors);
        }
        String newName = change.name() == null ? name : normalized(change.name());
        int newPrice = change.price() == null ? price : change.price();
        ProductStatus newStatus = change.status() == null ? status : change.status();
        if (Objects.equals(newName, name) && newPrice == price && newStatus == status) {
            return this;
        }
        return new Product(id, newName, newPrice, newStatus, version + 1, registeredAt,
                newStatus == status ? statusChangedAt : now);
    }

    /** A customer can order it: it has a price and is not sold out. */
    public boolean isOrderable() {
        return price > 0 && status == ProductStatus.Available;
    }

    /** What the seed's {@code checkProduct} answers: the price when orderable, 0 otherwise. */
    public int orderablePrice() {
        return isOrderable() ? price : 0;
    }

    private static void check(String name, Integer price, List<FieldError> errors) {
        if (price != null && price < 0) {
            errors.add(FieldError.of("price", "must be 0 or more (KRW), not " + price));
        }
        if (name != null && name.strip().length() > MAX_NAME_LENGTH) {
            errors.add(FieldError.of("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        } else if (name != null && !isPrintable(name.strip())) {
            errors.add(FieldError.of("name", "must be printable text, without control characters or unpaired "
                    + "surrogates"));
        }
    }

    /**
     * Text every reader of the catalogue can store and show: no control character (NUL, which PostgreSQL's text
     * cannot hold, BEL, a line break, ...) and no half of a surrogate pair (which no UTF-8 can encode, so each
     * reader would store its own replacement). Letters of any script, emoji and format characters (the joiner of 👨‍🍳,
     * right-to-left marks) are all text.
     */
    private static boolean isPrintable(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String normalized(String name) {
        return name == null || name.isBlank() ? null : name.strip();
    }
}
