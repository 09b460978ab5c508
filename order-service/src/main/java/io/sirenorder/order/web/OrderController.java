package io.sirenorder.order.web;

import io.sirenorder.order.application.OrderService;
import io.sirenorder.order.application.PageRequest;
import io.sirenorder.order.domain.Order;
import io.sirenorder.order.domain.Viewer;
import io.sirenorder.security.Roles;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Orders, for the token's bearer (OrderSecurity lets only customers place them, and customers and clerks read). */
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
    OrderResponse find(@PathVariable long orderId, JwtAuthenticationToken caller) {
        return OrderResponse.of(orders.find(orderId, viewer(caller)));
    }

    /** Newest first: every order for a clerk, their own for a customer. */
    @GetMapping
    OrderPageResponse page(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size, JwtAuthenticationToken caller) {
        return OrderPageResponse.of(orders.page(new PageRequest(page, size), viewer(caller)));
    }

    private static Viewer viewer(JwtAuthenticationToken caller) {
        boolean clerk = caller.getAuthorities().stream()
                .anyMatch(authority -> CLERK_AUTHORITY.equals(authority.getAuthority()));
        return clerk ? new Viewer.Clerk() : new Viewer.Customer(caller.getName());
    }
}
