package io.sirenorder.notification.domain;

/** Whether an order was checked against the catalogue, or, with the catalogue unavailable, against the menu. */
public enum CheckedAgainst {
    Catalogue,
    Menu
}
