-- One row per product. The product columns stay null until the product's first event arrives: its orders may
-- come first, and are counted all the same.
CREATE TABLE product_report (
    product_id        BIGINT                   NOT NULL PRIMARY KEY,
    version           BIGINT,
    -- wider than the catalogue's own limit, so that raising that limit never makes its events unstorable here
    name              VARCHAR(1000),
    price             INTEGER,
    status            VARCHAR(20),
    status_changed_at TIMESTAMP WITH TIME ZONE,
    orders_placed     BIGINT                   NOT NULL,
    items_sold        BIGINT                   NOT NULL,
    revenue           BIGINT                   NOT NULL
);

-- Every order counted in product_report, so that an order delivered again is not counted twice.
CREATE TABLE counted_order (
    order_id BIGINT NOT NULL PRIMARY KEY
);
