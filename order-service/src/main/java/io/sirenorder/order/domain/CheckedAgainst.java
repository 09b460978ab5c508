package io.sirenorder.order.domain;

/**
 * What an order's product, price and status were checked against when it was accepted: the catalogue, asked at that
 * moment (the normal case), or, with the product service unavailable and the degradation policy on, the menu
 * replica: the last price and status it heard of, which may be out of date.
 */
public enum CheckedAgainst {
    Catalogue,
    Menu
}
