-- an order's life after it is placed (Ordered -> Preparing -> Ready -> PickedUp, or Cancelled): where it stands
-- since when, and its version, which counts its states (1 when placed) and travels with each move's event so that
-- consumers apply moves once and in order; every order stored before this was Ordered since it was placed
ALTER TABLE orders ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
ALTER TABLE orders ADD COLUMN status_changed_at TIMESTAMP WITH TIME ZONE;
UPDATE orders SET status_changed_at = ordered_at;
ALTER TABLE orders ALTER COLUMN status_changed_at SET NOT NULL;

-- every move, with its time and who made it; one row per version, so a move can never be stored twice
CREATE TABLE order_move (
    order_id    BIGINT                   NOT NULL,
    version     BIGINT                   NOT NULL,
    from_status VARCHAR(20)              NOT NULL,
    to_status   VARCHAR(20)              NOT NULL,
    moved_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    moved_by    VARCHAR(64)              NOT NULL,
    PRIMARY KEY (order_id, version)
);

-- the barista's queue: the open orders, oldest first, without reading the finished ones
CREATE INDEX orders_by_status ON orders (status, id);
