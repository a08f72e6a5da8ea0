-- Cross-sell counts (domain/sales/cross_sell.h), derived from the paid orders of a window and
-- replaced whole by each refresh: the orders holding each product, each product's most frequent
-- partners (the orders holding both), and the window they were counted over (one row).
CREATE TABLE cross_sell_products (
  product_id INTEGER PRIMARY KEY,
  orders INTEGER NOT NULL
);
CREATE TABLE cross_sell_pairs (
  product_id INTEGER NOT NULL,
  other_id INTEGER NOT NULL,
  orders INTEGER NOT NULL,
  PRIMARY KEY (product_id, other_id)
) WITHOUT ROWID;
CREATE TABLE cross_sell_window (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  days INTEGER NOT NULL,
  since INTEGER NOT NULL,
  orders INTEGER NOT NULL,
  refreshed_at INTEGER NOT NULL
);
