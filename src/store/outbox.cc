#include "store/outbox.h"

namespace rapport::store {

Status AppendEvent(Connection& conn, const OutboxEvent& event, Micros now) {
  return conn
      .Exec("INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload, created_at) VALUES ($1, $2, $3, $4, $5)",
            {Value(event.topic), Value(event.aggregate_type), Value(event.aggregate_id), Value(event.payload),
             Value(now)})
      .status();
}

Result<std::vector<StoredEvent>> OutboxReader::Poll(std::size_t limit) {
  return ReadValue(db_, [&](Connection& c) -> Result<std::vector<StoredEvent>> {
    auto pos = c.Query("SELECT tx_id, event_id FROM outbox_consumers WHERE name = $1", {Value(consumer_)});
    if (!pos.ok()) return std::move(pos).error();
    std::int64_t tx_id = pos->empty() ? -1 : pos->Int(0, 0);
    std::int64_t event_id = pos->empty() ? -1 : pos->Int(0, 1);
    // On PostgreSQL a transaction below the snapshot's xmin has ended, and every transaction that
    // commits later has a larger id: reading only below xmin in (tx_id, id) order skips nothing.
    std::string_view sql =
        c.dialect() == Dialect::kPostgres
            ? "SELECT id, tx_id, topic, aggregate_type, aggregate_id, payload, created_at FROM outbox "
              "WHERE (tx_id, id) > ($1, $2) AND tx_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint "
              "ORDER BY tx_id, id LIMIT $3"
            : "SELECT id, tx_id, topic, aggregate_type, aggregate_id, payload, created_at FROM outbox "
              "WHERE (tx_id, id) > ($1, $2) ORDER BY tx_id, id LIMIT $3";
    auto rows = c.Query(sql, {Value(tx_id), Value(event_id), Value(static_cast<std::int64_t>(limit))});
    if (!rows.ok()) return std::move(rows).error();
    std::vector<StoredEvent> events;
    events.reserve(rows->rows());
    for (std::size_t r = 0; r < rows->rows(); ++r) {
      events.push_back(StoredEvent{rows->Int(r, 0), rows->Int(r, 1),
                                   OutboxEvent{std::string(rows->Text(r, 2)), std::string(rows->Text(r, 3)),
                                               std::string(rows->Text(r, 4)), std::string(rows->Text(r, 5))},
                                   rows->Int(r, 6)});
    }
    return events;
  });
}

Status OutboxReader::Ack(const StoredEvent& last) {
  return db_.Write([&](Connection& c) {
    return c
        .Exec("INSERT INTO outbox_consumers (name, tx_id, event_id, updated_at) VALUES ($1, $2, $3, $4) "
              "ON CONFLICT (name) DO UPDATE SET tx_id = excluded.tx_id, event_id = excluded.event_id, "
              "updated_at = excluded.updated_at",
              {Value(consumer_), Value(last.tx_id), Value(last.id), Value(clock_.Now())})
        .status();
  });
}

}  // namespace rapport::store
