// The transactional outbox (DESIGN 3.1): a write appends domain events in its own transaction;
// consumers read them in commit order from a durable position, so nothing is lost if a node dies
// between commit and delivery.
//
// Table outbox: id, tx_id (PostgreSQL transaction id; 0 on SQLite), topic ("tag.created"),
// aggregate_type ("tag"), aggregate_id, payload (JSON text), created_at (micros).
// Table outbox_consumers: name, tx_id, event_id (the last event handled), updated_at.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "store/store.h"

namespace rapport::store {

struct OutboxEvent {
  std::string topic;
  std::string aggregate_type;
  std::string aggregate_id;
  std::string payload;  // a JSON document
};

struct StoredEvent {
  std::int64_t id = 0;
  std::int64_t tx_id = 0;
  OutboxEvent event;
  Micros created_at = 0;
};

// Appends `event` inside the caller's write transaction; it becomes visible when that commits.
Status AppendEvent(Connection& conn, const OutboxEvent& event, Micros now);

// Reads one consumer's events in commit order and records its position. Thread-compatible: one
// reader per consumer name at a time.
class OutboxReader {
 public:
  OutboxReader(Database& db, std::string consumer, const Clock& clock)
      : db_(db), consumer_(std::move(consumer)), clock_(clock) {}

  // Up to `limit` committed events after the consumer's durable position, oldest first. On
  // PostgreSQL, events of transactions older than one still running wait until it ends, so no event
  // is ever passed over. Blocks.
  Result<std::vector<StoredEvent>> Poll(std::size_t limit);

  // Durably records that every event up to and including `last` has been handled. Blocks.
  Status Ack(const StoredEvent& last);

 private:
  Database& db_;
  const std::string consumer_;
  const Clock& clock_;
};

}  // namespace rapport::store
