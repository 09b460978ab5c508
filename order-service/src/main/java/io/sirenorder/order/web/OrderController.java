package io.sirenorder.order.web;

import io.sirenorder.order.application.OrderService;
import io.sirenorder.order.application.PageRequest;
import io.sirenorder.order.domain.Order;
import io.sirenorder.order.domain.OrderRequest;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/orders")
class OrderController {

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderResponse> place(@RequestBody PlaceOrderRequest body) {
        Order order = orders.place(new OrderRequest(body.productId(), body.quantity(), body.customerId()));
        // relative, so that it stays right behind the gateway
        return ResponseEntity.created(URI.create("/orders/" + order.id())).body(OrderResponse.of(order));
    }

    @GetMapping("/{orderId}")
    OrderResponse find(@PathVariable long orderId) {
        return OrderResponse.of(orders.find(orderId));
    }

    /** Newest first. */
    @GetMapping
    OrderPageResponse page(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return OrderPageResponse.of(orders.page(new PageRequest(page, size)));
    }
}
