package io.sirenorder.order.web;

import io.sirenorder.order.application.OrderService;
import io.sirenorder.order.application.PageRequest;
import io.sirenorder.order.domain.Order;
import io.sirenorder.order.domain.Caller;
import io.sirenorder.security.Roles;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders, for the token's bearer (OrderSecurity lets only customers place them; customers and clerks read and move
 * them, each as far as the order's rules let them).
 */
@RestController
@RequestMapping("/orders")
class OrderController {

    private static final String CLERK_AUTHORITY = "ROLE_" + Roles.CLERK;

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    /** The order is the token's subject's, whatever {@code customerId} the body names (the seed's clients send one). */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderResponse> place(@RequestBody PlaceOrderRequest body, JwtAuthenticationToken customer) {
        Order order = orders.place(body.productId(), body.quantity(), customer.getName());
        // relative, so that it stays right behind the gateway
        return ResponseEntity.created(URI.create("/orders/" + order.id())).body(OrderResponse.of(order));
    }

    @GetMapping("/{orderId}")
    OrderResponse find(@PathVariable long orderId, JwtAuthenticationToken token) {
        return OrderResponse.of(orders.find(orderId, caller(token)));
    }

    /**
     * Every order for a clerk, their own for a customer: newest first, or, with {@code status} (as in
     * {@code ?status=Ordered,Preparing,Ready}), those in one of the statuses oldest first, as a queue is served.
     */
    @GetMapping
    OrderPageResponse page(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size, @RequestParam(required = false) List<String> status,
            JwtAuthenticationToken token) {
        var request = new PageRequest(page, size);
        return OrderPageResponse.of(status == null
                ? orders.page(request, caller(token))
                : orders.inStatus(StatusNames.parseAll(status), request, caller(token)));
    }

    /** Moves the order along its life: a clerk, as the diagram allows; a customer, to cancel their own. */
    @PatchMapping(path = "/{orderId}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    OrderResponse move(@PathVariable long orderId, @RequestBody MoveOrderRequest body, JwtAuthenticationToken token) {
        return OrderResponse.of(orders.move(orderId, StatusNames.parse("The move", body.status()), caller(token)));
    }

    private static Caller caller(JwtAuthenticationToken token) {
        boolean clerk = token.getAuthorities().stream()
                .anyMatch(authority -> CLERK_AUTHORITY.equals(authority.getAuthority()));
        return clerk ? new Caller.Clerk(token.getName()) : new Caller.Customer(token.getName());
    }
}
