-- Cancelled orders. orders_placed, items_sold and revenue go on counting the orders not cancelled; a cancellation
-- takes its order's sale back from them and counts it here. Every report so far has had none.
-- Each column is added in a statement of its own: H2 (2.x, in its default mode) refuses PostgreSQL's several ADD
-- COLUMN clauses in one ALTER TABLE, and PostgreSQL refuses H2's parenthesised list of columns. A constant default fills the
-- existing rows, without rewriting the table on PostgreSQL (11 and later).
ALTER TABLE product_report ADD COLUMN orders_cancelled BIGINT DEFAULT 0 NOT NULL;

-- What the report must remember of an order to take its placement and its cancellation in once each, in whichever
-- order they arrive: the sale the placement counted (to take it back when the cancellation follows), and which of
-- the two has arrived. A cancellation may come first, before anything says which product the order was for: the
-- sale's columns stay null until its placement arrives.
ALTER TABLE counted_order ADD COLUMN product_id BIGINT;
ALTER TABLE counted_order ADD COLUMN quantity INTEGER;
ALTER TABLE counted_order ADD COLUMN unit_price INTEGER;
-- Every order remembered so far was remembered for its placement, and none was cancelled: the defaults say so. Their
-- sale was not kept, so a cancellation of one of them cannot be taken back, and is refused (dead-lettered) rather
-- than taken in wrongly.
ALTER TABLE counted_order ADD COLUMN placed BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE counted_order ADD COLUMN cancelled BOOLEAN DEFAULT FALSE NOT NULL;
