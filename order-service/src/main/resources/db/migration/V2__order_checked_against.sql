-- what an order's price and status were checked against: 'Catalogue' (the product service, asked at ordering) or
-- 'Menu' (the menu replica's last known copy, when the product service was unavailable and the policy allowed it);
-- every order stored before this column existed was checked against the catalogue
ALTER TABLE orders ADD COLUMN checked_against VARCHAR(20) DEFAULT 'Catalogue' NOT NULL;
