package io.sirenorder.misshapen.persistence;

public class Shelf {
}
