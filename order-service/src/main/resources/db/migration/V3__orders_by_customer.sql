-- a customer's own orders, newest first, without reading everyone's
CREATE INDEX orders_by_customer ON orders (customer_id, id);
