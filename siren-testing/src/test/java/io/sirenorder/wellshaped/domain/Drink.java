package io.sirenorder.wellshaped.domain;

import java.util.Objects;

public record Drink(String name, int price) {

    public Drink {
        Objects.requireNonNull(name, "name");
    }
}
