#include "domain/privacy/person_erasure.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "common/logging.h"
#include "domain/audit/audit_log.h"
#include "store/outbox.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using store::Value;

// Records about the person that go with them: they say nothing once the person is gone. A record of
// any other object (a custom object, say) only loses its link to the person (RecordRepository::Purge).
constexpr std::string_view kPurgedWithPerson[] = {"address", "affiliation", "consent", "note",
                                                   "personal_date", "stage_change", "task"};
// The free text of an interaction, emptied when the person was its only participant.
constexpr std::string_view kInteractionText[] = {"subject", "summary", "outcome"};
constexpr std::string_view kErased = "[erased]";

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// `s` as it appears inside a JSON string (quotes and backslashes escaped), for finding it in JSON text.
std::string JsonEscaped(std::string_view s) {
  std::string quoted = bj::serialize(bj::string(s));
  return quoted.substr(1, quoted.size() - 2);
}

// What identifies the person in free text: the full name, every email and phone. `match` adds the
// bare first and last names, used only to find stored answers to delete, never to rewrite text.
struct Identifiers {
  std::vector<std::string> scrub;
  std::vector<std::string> match;
};

void AddIdentifiers(const bj::object& person, Identifiers& ids) {
  auto text = [&](std::string_view name) -> std::string {
    const bj::value* v = person.if_contains(name);
    return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  auto add = [](std::vector<std::string>& to, std::string s) {
    if (s.size() >= 3 && std::find(to.begin(), to.end(), s) == to.end()) to.push_back(std::move(s));
  };
  const std::string first = text("first_name"), last = text("last_name");
  if (!first.empty() && !last.empty()) add(ids.scrub, first + " " + last);
  for (std::string_view name : {"email", "emails", "phone", "phones"}) {
    const bj::value* v = person.if_contains(name);
    if (v == nullptr) continue;
    if (v->is_string()) add(ids.scrub, std::string(v->get_string()));
    if (v->is_array()) {
      for (const bj::value& e : v->get_array()) {
        if (e.is_string()) add(ids.scrub, std::string(e.get_string()));
      }
    }
  }
  ids.match = ids.scrub;
  add(ids.match, first);
  add(ids.match, last);
}

// `text` with every occurrence of an identifier (ASCII case ignored) replaced by [erased].
std::string Scrub(std::string text, const std::vector<std::string>& identifiers) {
  for (const std::string& id : identifiers) {
    const std::string needle = Lower(id);
    std::string lower = Lower(text);
    for (std::size_t at = lower.find(needle); at != std::string::npos; at = lower.find(needle, at + kErased.size())) {
      text.replace(at, needle.size(), kErased);
      lower.replace(at, needle.size(), kErased);
    }
  }
  return text;
}

void ScrubJson(bj::value& v, const std::vector<std::string>& identifiers) {
  if (v.is_string()) {
    std::string scrubbed = Scrub(std::string(v.get_string()), identifiers);
    if (scrubbed != v.get_string()) v = bj::string(scrubbed);
  } else if (v.is_array()) {
    for (bj::value& e : v.get_array()) ScrubJson(e, identifiers);
  } else if (v.is_object()) {
    for (auto& kv : v.get_object()) ScrubJson(kv.value(), identifiers);
  }
}

// SQL that is true when column `column` (text) holds `$n` as a substring, in either dialect.
std::string Contains(store::Dialect dialect, std::string_view column, int n) {
  return dialect == store::Dialect::kSqlite ? fmt::format("instr({}, ${}) > 0", column, n)
                                            : fmt::format("strpos(CAST({} AS TEXT), ${}) > 0", column, n);
}

// SQLite: moves every committed page into the database file and empties the write-ahead log, so no
// earlier page image of erased rows stays in the -wal file. It runs on a reader connection outside
// any transaction (a checkpoint cannot run inside one) and waits, as for a lock, for readers still
// on older snapshots. PostgreSQL: nothing to do here (docs/security.md, "Privacy").
Status CheckpointWal(store::Database& db) {
  if (db.dialect() != store::Dialect::kSqlite) return {};
  return db.ReadStatement([](store::Connection& conn) -> Status {
    auto rows = conn.Query("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!rows.ok()) return std::move(rows).error();
    // One row: busy (1 when a reader or writer kept it from finishing), log frames, checkpointed.
    if (rows->rows() != 1 || rows->Int(0, 0) != 0) {
      return Status(ErrorCode::kUnavailable, "the write-ahead log could not be checkpointed now");
    }
    return {};
  });
}

}  // namespace

bj::object ErasureReport::ToJson() const {
  bj::array merged(merged_people.begin(), merged_people.end());
  bj::object removed;
  for (const auto& [object, n] : records_removed) removed[object] = n;
  return bj::object{{"person", person},
                    {"merged_people", std::move(merged)},
                    {"records_removed", std::move(removed)},
                    {"interactions_anonymised", interactions_anonymised},
                    {"events_redacted", events_redacted},
                    {"stored_answers_removed", stored_answers_removed}};
}

Result<ErasureReport> PersonErasure::Erase(const Caller& caller, std::int64_t id, std::string_view reason) {
  auto registry = registry_.Get();
  const meta::ObjectDef* person = registry->FindObject("person");
  const meta::ObjectDef* interaction = registry->FindObject("interaction");
  if (person == nullptr || interaction == nullptr) return Error{ErrorCode::kInternal, "no person object", {}};
  const store::Dialect dialect = db_.dialect();
  auto report = store::WriteValue(db_, [&](store::Connection& conn) -> Result<ErasureReport> {
    const Micros now = clock_.Now();
    ErasureReport out;
    out.person = id;
    // The person and, transitively, every person record merged into it: the same human.
    std::vector<std::int64_t> people{id};
    for (std::size_t i = 0; i < people.size(); ++i) {
      auto from = conn.Query("SELECT from_id FROM record_merges WHERE object = 'person' AND into_id = $1 ORDER BY id",
                             {Value(people[i])});
      if (!from.ok()) return std::move(from).error();
      for (std::size_t r = 0; r < from->rows(); ++r) {
        const std::int64_t f = from->Int(r, 0);
        if (std::find(people.begin(), people.end(), f) == people.end()) people.push_back(f);
      }
    }
    Identifiers identifiers;
    for (std::int64_t p : people) {
      auto found = repo_.Find(conn, *registry, *person, p, true);
      if (!found.ok()) return std::move(found).error();
      if (!found->has_value()) {
        if (p == id) return Error{ErrorCode::kNotFound, fmt::format("no person with id {}", id), {}};
        continue;  // purged already
      }
      if (p != id) out.merged_people.push_back(p);
      AddIdentifiers(**found, identifiers);
    }
    // Outbox events whose whole payload goes: those of every record removed or emptied here.
    std::set<std::pair<std::string, std::int64_t>> redact;
    std::set<std::string> searched;  // tables whose search index lost entries
    std::set<std::pair<std::string, std::int64_t>> dependents;  // search text to recompute
    for (std::int64_t p : people) {
      // Interactions stay for the counts; alone, the person takes the free text with them, with
      // others it is only their identifiers that go from it (the participant link goes below).
      auto took_part = conn.Query(
          "SELECT l.record_id, (SELECT COUNT(*) FROM record_links o WHERE o.object = l.object AND o.field = l.field "
          "AND o.record_id = l.record_id) FROM record_links l WHERE l.object = 'interaction' AND "
          "l.field = 'participants' AND l.target_id = $1",
          {Value(p)});
      if (!took_part.ok()) return std::move(took_part).error();
      for (std::size_t r = 0; r < took_part->rows(); ++r) {
        const std::int64_t iid = took_part->Int(r, 0);
        std::string set;
        std::vector<Value> params;
        if (took_part->Int(r, 1) <= 1) {
          for (std::string_view f : kInteractionText) set += fmt::format("{} = NULL, ", f);
          redact.emplace("interaction", iid);
        } else {
          auto text = conn.Query(fmt::format("SELECT {}, {}, {} FROM {} WHERE id = $1", kInteractionText[0],
                                             kInteractionText[1], kInteractionText[2], interaction->table),
                                 {Value(iid)});
          if (!text.ok()) return std::move(text).error();
          for (std::size_t c = 0; c < std::size(kInteractionText) && text->rows() == 1; ++c) {
            auto value = text->OptText(0, c);
            if (!value) continue;
            std::string scrubbed = Scrub(*value, identifiers.scrub);
            if (scrubbed == *value) continue;
            params.push_back(Value(std::move(scrubbed)));
            set += fmt::format("{} = ${}, ", kInteractionText[c], params.size());
          }
          if (params.empty()) continue;
        }
        params.push_back(Value(now));
        params.push_back(Value(iid));
        auto updated = conn.Exec(fmt::format("UPDATE {} SET {}version = version + 1, updated_at = ${} WHERE id = ${}",
                                             interaction->table, set, params.size() - 1, params.size()),
                                 params);
        if (!updated.ok()) return std::move(updated).error();
        ++out.interactions_anonymised;
      }
      for (std::string_view name : kPurgedWithPerson) {
        const meta::ObjectDef* def = registry->FindObject(name);
        const meta::FieldDef* link = def != nullptr ? def->FindField("person") : nullptr;
        if (link == nullptr || link->target != "person") continue;
        auto ids = repo_.IdsLinkingTo(conn, *def, *link, p);
        if (!ids.ok()) return std::move(ids).error();
        for (std::int64_t rid : *ids) {
          RAPPORT_RETURN_IF_ERROR(repo_.Purge(conn, *registry, *def, rid, now));
          redact.emplace(def->name, rid);
          ++out.records_removed[def->name];
          if (!def->search.empty()) searched.insert(def->table);
        }
      }
      // Records whose search text holds the person's title through a link (a custom object that
      // searches by its client): recomputed once the link is cleared, below.
      for (const meta::ObjectDef& other : registry->objects()) {
        for (const std::string& name : other.search) {
          const meta::FieldDef* f = other.FindField(name);
          if (f == nullptr || f->type != meta::FieldType::kLink || f->target != person->name) continue;
          auto ids = repo_.IdsLinkingTo(conn, other, *f, p);
          if (!ids.ok()) return std::move(ids).error();
          for (std::int64_t rid : *ids) dependents.emplace(other.name, rid);
        }
      }
      // Clears every link to the person (participants, referred_by, custom links), their own
      // link rows (tags) and the row with its search text; the FTS5 trigger drops its index entry.
      RAPPORT_RETURN_IF_ERROR(repo_.Purge(conn, *registry, *person, p, now));
      redact.emplace(person->name, p);
      auto merges = conn.Exec("DELETE FROM record_merges WHERE object = 'person' AND (into_id = $1 OR from_id = $1)",
                              {Value(p)});
      if (!merges.ok()) return std::move(merges).error();
    }
    for (const auto& [object, rid] : dependents) {
      const meta::ObjectDef* def = registry->FindObject(object);
      auto record = repo_.Find(conn, *registry, *def, rid, true);
      if (!record.ok()) return std::move(record).error();
      if (!record->has_value()) continue;  // erased above
      auto text = repo_.SearchText(conn, *registry, *def, **record);
      if (!text.ok()) return std::move(text).error();
      RAPPORT_RETURN_IF_ERROR(repo_.SetSearchText(conn, *def, rid, *text));
      searched.insert(def->table);
    }
    ++out.records_removed[person->name];
    out.records_removed[person->name] += static_cast<std::int64_t>(out.merged_people.size());
    searched.insert(person->table);
    // Outbox: the events of what went are reduced to what happened to which id...
    for (const auto& [object, rid] : redact) {
      auto n = conn.Exec(
          "UPDATE outbox SET payload = $1 WHERE aggregate_type = $2 AND aggregate_id = $3",
          {Value(bj::serialize(bj::object{{"object", object}, {"id", rid}, {"redacted", true}})), Value(object),
           Value(std::to_string(rid))});
      if (!n.ok()) return std::move(n).error();
      out.events_redacted += *n;
    }
    // ...and any other event that names the person (an interaction they shared) loses the names.
    // The JSON `column` of every row of `table` that holds an identifier is scrubbed; the ids of
    // the rows changed are returned.
    auto scrub = [&](std::string_view table, std::string_view column) -> Result<std::set<std::int64_t>> {
      std::set<std::int64_t> changed;
      for (const std::string& identifier : identifiers.scrub) {
        auto rows = conn.Query(
            fmt::format("SELECT id, {} FROM {} WHERE {}", column, table, Contains(dialect, std::string(column), 1)),
            {Value(JsonEscaped(identifier))});
        if (!rows.ok()) return std::move(rows).error();
        for (std::size_t r = 0; r < rows->rows(); ++r) {
          boost::system::error_code ec;
          bj::value json = bj::parse(rows->Text(r, 1), ec);
          if (ec) json = bj::object{{"redacted", true}};  // not ours to read: keep nothing
          ScrubJson(json, identifiers.scrub);
          auto n = conn.Exec(fmt::format("UPDATE {} SET {} = $1 WHERE id = $2", table, column),
                             {Value(bj::serialize(json)), Value(rows->Int(r, 0))});
          if (!n.ok()) return std::move(n).error();
          changed.insert(rows->Int(r, 0));
        }
      }
      return changed;
    };
    auto scrubbed_events = scrub("outbox", "payload");
    if (!scrubbed_events.ok()) return std::move(scrubbed_events).error();
    out.events_redacted += static_cast<std::int64_t>(scrubbed_events->size());
    // The audit log keeps who did what when: the entries of the erased records lose their values,
    // and any other entry that names the person (a shared interaction's update) loses the names.
    for (const auto& [object, rid] : redact) RAPPORT_RETURN_IF_ERROR(ErasePersonalData(conn, object, rid));
    auto scrubbed_entries = scrub("audit_log", "detail");
    if (!scrubbed_entries.ok()) return std::move(scrubbed_entries).error();
    // Stored answers to Idempotency-Key repeats that show the person: a repeat now creates anew.
    for (const std::string& identifier : identifiers.match) {
      auto n = conn.Exec(fmt::format("DELETE FROM idempotency_keys WHERE {}", Contains(dialect, "response", 1)),
                         {Value(JsonEscaped(identifier))});
      if (!n.ok()) return std::move(n).error();
      out.stored_answers_removed += *n;
    }
    // FTS5 keeps a deleted entry's terms in its segments until they are merged: merge them all now
    // (secure_delete, set on the writer, zeroes the pages of the old segments).
    if (dialect == store::Dialect::kSqlite) {
      for (const std::string& table : searched) {
        // The index table is named by meta/migration_planner (SearchTable): <table>_search.
        auto merged = conn.Exec(fmt::format("INSERT INTO {0}_search ({0}_search) VALUES ('optimize')", table));
        if (!merged.ok()) return std::move(merged).error();
      }
    }
    // The erasure's own entry: who, when, why and how much; never the person's data.
    AuditEntry entry = AuditOf(caller, "person.erased", now);
    entry.object = person->name;
    entry.record = id;
    entry.detail = out.ToJson();
    entry.detail["reason"] = reason;
    RAPPORT_RETURN_IF_ERROR(AppendAudit(conn, entry));
    RAPPORT_RETURN_IF_ERROR(store::AppendEvent(
        conn, store::OutboxEvent{"person.erased", person->name, std::to_string(id), bj::serialize(bj::object{{"id", id}})},
        now));
    return out;
  });
  if (!report.ok()) return report;
  // The old page images of the erased rows are still in the write-ahead log until it is checkpointed.
  if (Status checkpointed = CheckpointWal(db_); !checkpointed.ok()) {
    logging::Warn("erasure committed but the write-ahead log was not checkpointed; the next checkpoint completes it",
                  {{"person", id}, {"error", checkpointed.error().message}});
  }
  return report;
}

}  // namespace rapport::domain
