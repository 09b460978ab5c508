package io.sirenorder.wellshaped.web;

import io.sirenorder.wellshaped.application.Brewing;

class Counter {

    private final Brewing brewing;

    Counter(Brewing brewing) {
        this.brewing = brewing;
    }

    String order(String name) {
        return brewing.brew(name).name();
    }
}
