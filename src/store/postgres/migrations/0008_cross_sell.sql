-- Cross-sell counts (domain/sales/cross_sell.h), derived from the paid orders of a window and
-- replaced whole by each refresh: the orders holding each product, each product's most frequent
-- partners (the orders holding both), and the window they were counted over (one row).
CREATE TABLE cross_sell_products (
  product_id BIGINT PRIMARY KEY,
  orders BIGINT NOT NULL
);
CREATE TABLE cross_sell_pairs (
  product_id BIGINT NOT NULL,
  other_id BIGINT NOT NULL,
  orders BIGINT NOT NULL,
  PRIMARY KEY (product_id, other_id)
);
CREATE TABLE cross_sell_window (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  days INTEGER NOT NULL,
  since BIGINT NOT NULL,
  orders BIGINT NOT NULL,
  refreshed_at BIGINT NOT NULL
);
