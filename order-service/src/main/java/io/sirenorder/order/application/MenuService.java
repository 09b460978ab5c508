package io.sirenorder.order.application;

import io.sirenorder.order.domain.MenuItem;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the menu replica in step with the catalogue's events, and serves it. */
@Service
public class MenuService {

    private final MenuItems menu;

    public MenuService(MenuItems menu) {
        this.menu = menu;
    }

    /**
     * Applies the catalogue's latest state of a product. Returns {@code false}, changing nothing, when the replica
     * already holds that version or a newer one: events may arrive twice.
     */
    @Transactional
    public boolean apply(MenuItem latest) {
        Optional<MenuItem> current = menu.find(latest.productId());
        if (current.isEmpty()) {
            menu.insert(latest);
            return true;
        }
        if (latest.supersedes(current.get())) {
            menu.update(latest);
            return true;
        }
        return false;
    }

    /**
     * The replica's copy of a product, whatever its status.
     *
     * @throws MenuItemNotFoundException when no event about it has arrived (yet)
     */
    public MenuItem find(long productId) {
        return menu.find(productId).orElseThrow(() -> new MenuItemNotFoundException(productId));
    }

    /** What customers can order now, by product id. */
    public List<MenuItem> orderableItems() {
        return menu.all().stream().filter(MenuItem::isOrderable).toList();
    }
}
