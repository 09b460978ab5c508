package io.sirenorder.product.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductTest {

    private static final Instant REGISTERED = Instant.parse("2026-11-25T09:00:00Z");
    private static final Instant LATER = REGISTERED.plusSeconds(60);

    @Test
    void aNewProductIsAvailableAtVersionOneUnlessToldOtherwise() {
        Product product = Product.register("  Latte ", 4500, null, REGISTERED);

        assertThat(product.name()).isEqualTo("Latte");
        assertThat(product.status()).isEqualTo(ProductStatus.Available);
        assertThat(product.version()).isEqualTo(1);
        assertThat(product.statusChangedAt()).isEqualTo(REGISTERED);
        assertThat(Product.register(null, 0, ProductStatus.SoldOut, REGISTERED).status())
                .isEqualTo(ProductStatus.SoldOut);
    }

    @Test
    void priceIsRequiredAndNeverNegative() {
        assertThatThrownBy(() -> Product.register(null, null, null, REGISTERED))
                .isInstanceOfSatisfying(InvalidProductException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("price"));
        assertThatThrownBy(() -> Product.register(null, -1, null, REGISTERED))
                .isInstanceOfSatisfying(InvalidProductException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("price"));
        assertThatThrownBy(() -> Product.register("x".repeat(101), 100, null, REGISTERED))
                .isInstanceOfSatisfying(InvalidProductException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"La\u0000tte", "La\u0007tte", "Latte\nGrande", "La\u007Ftte", "La\u0085tte", "La\uD800tte",
            "Latte\uDC00", "\uDE00\uD83D"})
    void aNameIsPrintableText(String name) {
        assertThatThrownBy(() -> Product.register(name, 100, null, REGISTERED))
                .isInstanceOfSatisfying(InvalidProductException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("name"));
        Product product = Product.register("Latte", 100, null, REGISTERED).withId(1);
        assertThatThrownBy(() -> product.apply(new ProductChange(name, null, null), LATER))
                .isInstanceOf(InvalidProductException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"아이스 아메리카노", "Strawberry 🍓 latte", "Chef's 👨‍🍳 special", "\u200Fقهوة", "\tLatte\n"})
    void anyScriptEmojiAndFormatCharactersAreText(String name) {
        assertThat(Product.register(name, 100, null, REGISTERED).name()).isEqualTo(name.strip());
    }

    @Test
    void onlyAKnownStatusIsAccepted() {
        assertThat(ProductStatus.named("SoldOut")).isEqualTo(ProductStatus.SoldOut);
        assertThatThrownBy(() -> ProductStatus.named("soldout"))
                .isInstanceOfSatisfying(InvalidProductException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("status"));
    }

    @Test
    void everyChangeRaisesTheVersionAndAStatusChangeIsDated() {
        Product product = Product.register(null, 3500, null, REGISTERED).withId(1);

        Product repriced = product.apply(new ProductChange(null, 3800, null), LATER);
        Product soldOut = repriced.apply(new ProductChange(null, null, ProductStatus.SoldOut), LATER.plusSeconds(1));

        assertThat(repriced.version()).isEqualTo(2);
        assertThat(repriced.statusChangedAt()).isEqualTo(REGISTERED);
        assertThat(soldOut.version()).isEqualTo(3);
        assertThat(soldOut.statusChangedAt()).isEqualTo(LATER.plusSeconds(1));
        assertThat(soldOut.price()).isEqualTo(3800);
    }

    @Test
    void aChangeThatChangesNothingKeepsTheProductAsItIs() {
        Product product = Product.register("Mocha", 5000, null, REGISTERED).withId(1);

        assertThat(product.apply(new ProductChange("Mocha", 5000, ProductStatus.Available), LATER)).isSameAs(product);
    }

    @Test
    void aBlankNameRemovesTheName() {
        Product product = Product.register("Mocha", 5000, null, REGISTERED).withId(1);

        assertThat(product.apply(new ProductChange(" ", null, null), LATER).name()).isNull();
    }

    @Test
    void aChangeMustChangeSomething() {
        assertThatThrownBy(() -> new ProductChange(null, null, null)).isInstanceOf(InvalidProductException.class);
    }

    @Test
    void onlyAPricedAvailableProductCanBeOrdered() {
        assertThat(Product.register(null, 3500, ProductStatus.Available, REGISTERED).orderablePrice()).isEqualTo(3500);
        assertThat(Product.register(null, 3500, ProductStatus.SoldOut, REGISTERED).orderablePrice()).isZero();
        assertThat(Product.register(null, 0, ProductStatus.Available, REGISTERED).isOrderable()).isFalse();
    }
}
