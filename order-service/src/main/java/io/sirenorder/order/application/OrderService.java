package io.sirenorder.order.application;

import io.sirenorder.order.domain.InvalidOrderException;
import io.sirenorder.order.domain.MenuItem;
import io.sirenorder.order.domain.Order;
import io.sirenorder.order.domain.OrderRequest;
import io.sirenorder.order.domain.OrderStatus;
import io.sirenorder.order.domain.ProductAvailability;
import io.sirenorder.order.domain.ProductNotOrderableException;
import io.sirenorder.order.domain.Caller;
import io.sirenorder.order.domain.WhenCatalogueUnavailable;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
public class OrderService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    /** Enough to share one commit among every order of a busy moment, few enough to keep a commit short. */
    private static final int MAX_ORDERS_PER_COMMIT = 64;

    private final ProductCatalogue catalogue;
    private final MenuItems menu;
    private final WhenCatalogueUnavailable whenCatalogueUnavailable;
    private final Orders orders;
    private final OrderEvents events;
    private final GroupCommit<Order, Order> commits;
    private final TransactionTemplate transaction;
    private final OrderOutcomes outcomes;
    private final Clock clock;

    public OrderService(ProductCatalogue catalogue, MenuItems menu, WhenCatalogueUnavailable whenCatalogueUnavailable,
            Orders orders, OrderEvents events, TransactionTemplate transaction, OrderOutcomes outcomes, Clock clock) {
        this.catalogue = catalogue;
        this.menu = menu;
        this.whenCatalogueUnavailable = whenCatalogueUnavailable;
        this.orders = orders;
        this.events = events;
        this.commits = new GroupCommit<>("order-commits", transaction, this::store, MAX_ORDERS_PER_COMMIT);
        this.transaction = transaction;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * Accepts the order the customer asked for, as they gave it, if it follows the ordering rules and the catalogue,
     * asked now, says the product is on sale; stores it and tells the other services ({@link OrderEvents}) together,
     * or does nothing at all (in one transaction, perhaps shared with orders placed at the same moment). When the
     * catalogue cannot answer and the policy is {@link WhenCatalogueUnavailable#ACCEPT_FROM_MENU}, the menu replica's
     * last known copy decides instead, and the order and its event say so. Either way {@link OrderOutcomes} hears of
     * it once: the order stored, or the reason it was refused.
     *
     * @throws InvalidOrderException when the request breaks the ordering rules
     * @throws ProductNotFoundException when the catalogue does not know the product
     * @throws ProductNotOrderableException when it is sold out or has no price (by the menu, when degraded)
     * @throws ProductCatalogueUnavailableException when the catalogue cannot answer in time and the policy refuses,
     *         or the menu does not know the product either
     */
    public Order place(Long productId, Integer quantity, String customerId) {
        Order accepted;
        try {
            accepted = accept(new OrderRequest(productId, quantity, customerId), clock.instant());
        } catch (InvalidOrderException invalid) {
            throw refused(Refusal.INVALID, invalid);
        } catch (ProductNotFoundException unknown) {
            throw refused(Refusal.UNKNOWN_PRODUCT, unknown);
        } catch (ProductNotOrderableException notOrderable) {
            throw refused(Refusal.PRODUCT_NOT_ORDERABLE, notOrderable);
        } catch (ProductCatalogueUnavailableException unavailable) {
            throw refused(Refusal.CATALOGUE_UNAVAILABLE, unavailable);
        }
        // the catalogue is asked before the transaction opens, so no database connection waits on it
        Order order = commits.commit(accepted);
        // only once stored: an order whose commit failed was not placed, nor refused by any rule
        outcomes.placed(order);
        // with the request's trace id, as every line logged for it: one order's path is findable in the logs
        log.debug("Order {} placed: product {}, quantity {}", order.id(), order.productId(), order.quantity());
        return order;
    }

    private RuntimeException refused(Refusal reason, RuntimeException refusal) {
        outcomes.refused(reason);
        return refusal;
    }

    /** Runs in the transaction of a group of orders. */
    private Order store(Order accepted) {
        Order order = orders.add(accepted);
        events.placed(order);
        return order;
    }

    private Order accept(OrderRequest request, Instant orderedAt) {
        ProductAvailability product;
        try {
            product = catalogue.availabilityOf(request.productId())
                    .orElseThrow(() -> new ProductNotFoundException(request.productId()));
        } catch (ProductCatalogueUnavailableException unavailable) {
            if (!whenCatalogueUnavailable.acceptsFromMenu()) {
                throw unavailable;
            }
            // a product the replica has not heard of may still exist: that is no reason for a 404
            MenuItem item = menu.find(request.productId()).orElseThrow(() -> unavailable);
            Order fromMenu = request.placeFromMenu(item, orderedAt);
            log.debug("Product service unavailable ({}): accepting the order for product {} from the menu at {}",
                    unavailable.getMessage(), request.productId(), item.price());
            return fromMenu;
        }
        return request.placeAt(product, orderedAt);
    }

    /** @throws OrderNotFoundException when there is no such order, or none that {@code caller} may see */
    public Order find(long orderId, Caller caller) {
        return orders.find(orderId).filter(caller::sees).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /**
     * Moves the order along its life as {@code caller} asks, storing the move with its time and telling the other
     * services ({@link OrderEvents}) in one transaction. The order is locked while its move is decided, so of two
     * callers moving it at once the second decides on what the first made of it: one move is never lost, nor made
     * twice.
     *
     * @throws OrderNotFoundException when there is no such order, or none that {@code caller} may see
     * @throws io.sirenorder.order.domain.MoveNotPermittedException when a customer asks for anything but a cancel
     * @throws io.sirenorder.order.domain.IllegalMoveException when the order's status does not allow the move
     */
    public Order move(long orderId, OrderStatus next, Caller caller) {
        Order moved = transaction.execute(status -> {
            Order order = orders.lock(orderId).filter(caller::sees)
                    .orElseThrow(() -> new OrderNotFoundException(orderId));
            // to the microsecond the database keeps, so that the event tells the time stored
            Order after = order.moveTo(next, caller, clock.instant().truncatedTo(ChronoUnit.MICROS));
            orders.move(after, order.status(), caller.name());
            events.moved(after, order.status());
            return after;
        });
        // a clerk's pace, not rush hour's: worth a line each
        log.info("Order {} moved to {} (version {})", orderId, moved.status(), moved.version());
        return moved;
    }

    /** The orders {@code caller} may see in one of {@code statuses}, oldest first: the queue, for a clerk. */
    public OrderPage inStatus(Set<OrderStatus> statuses, PageRequest request, Caller caller) {
        String customerId = switch (caller) {
            case Caller.Clerk clerk -> null;
            case Caller.Customer customer -> customer.name();
        };
        return new OrderPage(orders.oldestFirstIn(statuses, customerId, request.offset(), request.size()), request,
                orders.countIn(statuses, customerId));
    }

    /** The orders {@code caller} may see on {@code request}'s page, newest first. */
    public OrderPage page(PageRequest request, Caller caller) {
        return switch (caller) {
            case Caller.Clerk clerk -> new OrderPage(orders.newestFirst(request.offset(), request.size()), request,
                    orders.count());
            case Caller.Customer customer -> new OrderPage(
                    orders.newestFirstOf(customer.name(), request.offset(), request.size()), request,
                    orders.countOf(customer.name()));
        };
    }

    /** Commits the orders already accepted; called on shutdown, once no more requests come. */
    @Override
    public void close() {
        commits.close();
    }
}
