-- The forecast's sums (domain/sales/deal_sums.h): the amounts and counts of open and won deals per
-- pipeline, stage, owner, month of expected close, currency and status, kept by the deal hooks in
-- the transaction of each deal write, so a forecast reads a few hundred rows however many deals
-- there are. 0 and '' stand for none, since a key treats NULLs as all different.
CREATE TABLE deal_sums (
  pipeline_id BIGINT NOT NULL,
  stage_id BIGINT NOT NULL,
  owner_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL,
  amount_micros BIGINT NOT NULL,
  deals BIGINT NOT NULL,
  PRIMARY KEY (pipeline_id, stage_id, owner_id, month, currency, status)
);
