package io.sirenorder.misshapen.web;

import io.sirenorder.misshapen.persistence.Shelf;

/** Breaks the last rule: one adapter uses another. */
public class Counter {

    Shelf shelf;
}
