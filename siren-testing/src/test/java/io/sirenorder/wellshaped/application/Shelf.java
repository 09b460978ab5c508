package io.sirenorder.wellshaped.application;

import io.sirenorder.wellshaped.domain.Drink;

public interface Shelf {

    void put(Drink drink);
}
