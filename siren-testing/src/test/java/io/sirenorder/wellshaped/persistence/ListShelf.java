package io.sirenorder.wellshaped.persistence;

import io.sirenorder.wellshaped.application.Shelf;
import io.sirenorder.wellshaped.domain.Drink;
import java.util.ArrayList;
import java.util.List;

class ListShelf implements Shelf {

    private final List<Drink> drinks = new ArrayList<>();

    @Override
    public void put(Drink drink) {
        drinks.add(drink);
    }
}
