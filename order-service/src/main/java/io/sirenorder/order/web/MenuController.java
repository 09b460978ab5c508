package io.sirenorder.order.web;

import io.sirenorder.order.application.MenuService;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The customers' menu, from the replica: it may trail the catalogue briefly. */
@RestController
class MenuController {

    private final MenuService menu;

    MenuController(MenuService menu) {
        this.menu = menu;
    }

    /** Only what can be ordered now. */
    @GetMapping("/menu")
    List<MenuItemResponse> menu() {
        return menu.orderableItems().stream().map(MenuItemResponse::of).toList();
    }

    /** One product whatever its status, with the version the replica holds, to watch it catch up. */
    @GetMapping("/menu/{productId}")
    MenuEntryResponse entry(@PathVariable long productId) {
        return MenuEntryResponse.of(menu.find(productId));
    }
}
