package io.sirenorder.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sirenorder.order.domain.CheckedAgainst;
import io.sirenorder.order.domain.InvalidOrderException;
import io.sirenorder.order.domain.MenuItem;
import io.sirenorder.order.domain.Order;
import io.sirenorder.order.domain.OrderStatus;
import io.sirenorder.order.domain.ProductAvailability;
import io.sirenorder.order.domain.ProductNotOrderableException;
import io.sirenorder.order.domain.ProductStatus;
import io.sirenorder.order.domain.WhenCatalogueUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What {@link OrderService#place} tells {@link OrderOutcomes}: each stored order once, each refusal once with its
 * reason, and nothing for an order whose commit failed. The ports are stand-ins; the rules are the real ones.
 */
class OrderOutcomesTest {

    private static final long ON_SALE = 1;
    private static final long SOLD_OUT = 2;
    private static final long UNKNOWN = 99;

    private final Catalogue catalogue = new Catalogue();
    private final Menu menu = new Menu();
    private final StoredOrders orders = new StoredOrders();
    private final Told told = new Told();
    private OrderService service = service(WhenCatalogueUnavailable.REFUSE);

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void eachStoredOrderIsPlacedOnce() {
        List<Order> placed = List.of(service.place(ON_SALE, 1, "ada"), service.place(ON_SALE, 2, "bea"),
                service.place(ON_SALE, null, null));

        assertThat(told.placed).containsExactlyElementsOf(placed).containsExactlyElementsOf(orders.stored);
        assertThat(told.refused).isEmpty();
    }

    @Test
    void eachRefusalIsToldWithItsReasonAndNothingIsStored() {
        assertThatThrownBy(() -> service.place(ON_SALE, 0, "ada")).isInstanceOf(InvalidOrderException.class);
        assertThatThrownBy(() -> service.place(null, 1, "ada")).isInstanceOf(InvalidOrderException.class);
        assertThatThrownBy(() -> service.place(UNKNOWN, 1, "ada")).isInstanceOf(ProductNotFoundException.class);
        assertThatThrownBy(() -> service.place(SOLD_OUT, 1, "ada")).isInstanceOf(ProductNotOrderableException.class);
        catalogue.down = true;
        assertThatThrownBy(() -> service.place(ON_SALE, 1, "ada"))
                .isInstanceOf(ProductCatalogueUnavailableException.class);

        assertThat(told.refused).containsExactly(Refusal.INVALID, Refusal.INVALID, Refusal.UNKNOWN_PRODUCT,
                Refusal.PRODUCT_NOT_ORDERABLE, Refusal.CATALOGUE_UNAVAILABLE);
        assertThat(told.placed).isEmpty();
        assertThat(orders.stored).isEmpty();
    }

    @Test
    void degradedTheMenuDecidesAndIsToldAsSuch() {
        service.close();
        service = service(WhenCatalogueUnavailable.ACCEPT_FROM_MENU);
        catalogue.down = true;

        Order fromMenu = service.place(ON_SALE, 1, "ada");
        assertThatThrownBy(() -> service.place(SOLD_OUT, 1, "ada")).isInstanceOf(ProductNotOrderableException.class);
        // the menu has not heard of it: that is no proof that it does not exist
        assertThatThrownBy(() -> service.place(UNKNOWN, 1, "ada"))
                .isInstanceOf(ProductCatalogueUnavailableException.class);

        assertThat(fromMenu.checkedAgainst()).isEqualTo(CheckedAgainst.Menu);
        assertThat(told.placed).containsExactly(fromMenu);
        assertThat(told.refused).containsExactly(Refusal.PRODUCT_NOT_ORDERABLE, Refusal.CATALOGUE_UNAVAILABLE);
    }

    @Test
    void anOrderWhoseCommitFailedIsNeitherPlacedNorRefused() {
        orders.failing = true;

        assertThatThrownBy(() -> service.place(ON_SALE, 1, "ada")).isInstanceOf(IllegalStateException.class);

        assertThat(told.placed).isEmpty();
        assertThat(told.refused).isEmpty();
    }

    private OrderService service(WhenCatalogueUnavailable policy) {
        return new OrderService(catalogue, menu, policy, orders, new NoListeners(),
                new TransactionTemplate(new NoDatabase()), told,
                Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC));
    }

    private static final class Told implements OrderOutcomes {

        final List<Order> placed = Collections.synchronizedList(new ArrayList<>());
        final List<Refusal> refused = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void placed(Order order) {
            placed.add(order);
        }

        @Override
        public void refused(Refusal reason) {
            refused.add(reason);
        }
    }

    private static final class Catalogue implements ProductCatalogue {

        volatile boolean down;

        @Override
        public Optional<ProductAvailability> availabilityOf(long productId) {
            if (down) {
                throw new ProductCatalogueUnavailableException("The product service is down.", Duration.ofSeconds(1),
                        null);
            }
            return productId == ON_SALE ? Optional.of(new ProductAvailability(ON_SALE, 3500, ProductStatus.Available,
                    true, 1)) : productId == SOLD_OUT ? Optional.of(new ProductAvailability(SOLD_OUT, 3500,
                    ProductStatus.SoldOut, false, 1)) : Optional.empty();
        }
    }

    private static final class Menu implements MenuItems {

        private final Map<Long, MenuItem> items = new HashMap<>(Map.of(
                ON_SALE, new MenuItem(ON_SALE, 1, "Latte", 3500, ProductStatus.Available),
                SOLD_OUT, new MenuItem(SOLD_OUT, 1, "Mocha", 3500, ProductStatus.SoldOut)));

        @Override
        public Optional<MenuItem> find(long productId) {
            return Optional.ofNullable(items.get(productId));
        }

        @Override
        public void insert(MenuItem item) {
            items.put(item.productId(), item);
        }

        @Override
        public void update(MenuItem item) {
            items.put(item.productId(), item);
        }

        @Override
        public List<MenuItem> all() {
            return List.copyOf(items.values());
        }
    }

    private static final class StoredOrders implements Orders {

        final List<Order> stored = Collections.synchronizedList(new ArrayList<>());
        volatile boolean failing;

        @Override
        public Order add(Order order) {
            if (failing) {
                throw new IllegalStateException("the database is down");
            }
            Order withId = order.withId(stored.size() + 1);
            stored.add(withId);
            return withId;
        }

        @Override
        public Optional<Order> find(long orderId) {
            return stored.stream().filter(order -> order.id() == orderId).findFirst();
        }

        @Override
        public List<Order> newestFirst(long offset, int limit) {
            return List.of();
        }

        @Override
        public long count() {
            return stored.size();
        }

        @Override
        public List<Order> newestFirstOf(String customerId, long offset, int limit) {
            return List.of();
        }

        @Override
        public long countOf(String customerId) {
            return 0;
        }

        @Override
        public Optional<Order> lock(long orderId) {
            return find(orderId);
        }

        @Override
        public void move(Order moved, OrderStatus from, String movedBy) {
            stored.replaceAll(order -> order.id().equals(moved.id()) ? moved : order);
        }

        @Override
        public List<Order> oldestFirstIn(Set<OrderStatus> statuses, String customerId, long offset, int limit) {
            return List.of();
        }

        @Override
        public long countIn(Set<OrderStatus> statuses, String customerId) {
            return 0;
        }
    }

    /** No other service hears of these orders: the outcomes are what is told here. */
    private static final class NoListeners implements OrderEvents {

        @Override
        public void placed(Order order) {
        }

        @Override
        public void moved(Order order, OrderStatus from) {
        }
    }

    /** Transactions that do nothing: the stand-in orders are stored as they are added. */
    private static final class NoDatabase implements PlatformTransactionManager {

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
        }

        @Override
        public void rollback(TransactionStatus status) {
        }
    }
}
