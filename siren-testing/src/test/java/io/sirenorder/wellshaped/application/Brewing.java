package io.sirenorder.wellshaped.application;

import io.sirenorder.wellshaped.domain.Drink;

public class Brewing {

    private final Shelf shelf;

    public Brewing(Shelf shelf) {
        this.shelf = shelf;
    }

    public Drink brew(String name) {
        Drink drink = new Drink(name, 4500);
        shelf.put(drink);
        return drink;
    }
}
