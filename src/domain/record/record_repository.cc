#include "domain/record/record_repository.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/text_fold.h"
#include "meta/field_value.h"
#include "store/sqlite/search_rank.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using store::Placeholder;
using store::Value;

// The cells of each field present in `values`, with their columns.
Status AppendFieldCells(const RecordLayout& layout, const bj::object& values, std::vector<std::string>& columns,
                        std::vector<Value>& cells) {
  for (const RecordLayout::FieldColumns& fc : layout.fields()) {
    const bj::value* v = values.if_contains(fc.field->name);
    if (v == nullptr) continue;
    auto field_cells = meta::ToValues(*v, *fc.field);
    if (!field_cells.ok()) return std::move(field_cells).error();
    for (std::size_t i = 0; i < fc.columns.size(); ++i) {
      columns.push_back(fc.columns[i].name);
      cells.push_back(std::move((*field_cells)[i]));
    }
  }
  return {};
}

// " WHERE a AND b", or nothing when there are no conditions.
std::string WhereClause(const std::vector<std::string>& conditions) {
  std::string out;
  for (std::size_t i = 0; i < conditions.size(); ++i) out += (i ? " AND " : " WHERE ") + conditions[i];
  return out;
}

bool HasSearch(const meta::ObjectDef& object) { return !object.search.empty(); }

// SQLite ranked search: how many of the newest matches are ranked (List).
constexpr std::int64_t kMaxRankedCandidates = 300;

}  // namespace

std::shared_ptr<const RecordLayout> RecordRepository::Layout(const meta::Registry& registry,
                                                             const meta::ObjectDef& object) {
  std::lock_guard lock(mu_);
  if (registry.version() > layouts_.version) {
    layouts_.version = registry.version();
    layouts_.by_object.clear();
  } else if (registry.version() < layouts_.version) {
    return std::make_shared<const RecordLayout>(registry, object, dialect_);  // an older snapshot still in use
  }
  auto it = layouts_.by_object.find(object.name);
  if (it == layouts_.by_object.end()) {
    it = layouts_.by_object.emplace(object.name, std::make_shared<const RecordLayout>(registry, object, dialect_)).first;
  }
  return it->second;
}

Result<bj::object> RecordRepository::Insert(store::Connection& conn, const meta::Registry& registry,
                                            const meta::ObjectDef& object, const bj::object& values, Micros now,
                                            std::optional<std::int64_t> actor,
                                            const std::optional<std::string>& search_text) {
  auto layout = Layout(registry, object);
  std::vector<std::string> columns;
  std::vector<Value> cells;
  RAPPORT_RETURN_IF_ERROR(AppendFieldCells(*layout, values, columns, cells));
  columns.insert(columns.end(), {"version", "created_at", "updated_at", "created_by"});
  cells.insert(cells.end(), {Value(std::int64_t{1}), Value(now), Value(now), actor ? Value(*actor) : Value()});
  if (HasSearch(object)) {
    columns.emplace_back("search_text");
    cells.push_back(search_text ? Value(*search_text) : Value());
  }
  std::string names, placeholders;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    names += (i ? ", " : "") + columns[i];
    placeholders += fmt::format("{}${}", i ? ", " : "", i + 1);
  }
  std::string sql = fmt::format("INSERT INTO {} ({}) VALUES ({}) RETURNING {}", object.table, names, placeholders,
                                layout->returning_list());
  auto rows = conn.Query(sql, cells);
  if (!rows.ok()) return std::move(rows).error();
  return layout->ToJson(*rows, 0, false);
}

Result<std::optional<bj::object>> RecordRepository::Find(store::Connection& conn, const meta::Registry& registry,
                                                         const meta::ObjectDef& object, std::int64_t id,
                                                         bool for_update) {
  auto layout = Layout(registry, object);
  auto rows = conn.Query(for_update ? layout->find_for_update_sql() : layout->find_sql(), {Value(id)});
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return std::optional<bj::object>();
  auto record = layout->ToJson(*rows, 0, true);
  if (!record.ok()) return std::move(record).error();
  return std::optional<bj::object>(std::move(*record));
}

Result<bj::object> RecordRepository::Update(store::Connection& conn, const meta::Registry& registry,
                                            const meta::ObjectDef& object, std::int64_t id, const bj::object& changes,
                                            Micros now, const std::optional<std::string>& search_text) {
  auto layout = Layout(registry, object);
  std::vector<std::string> columns;
  std::vector<Value> cells;
  RAPPORT_RETURN_IF_ERROR(AppendFieldCells(*layout, changes, columns, cells));
  std::string sets;
  for (std::size_t i = 0; i < columns.size(); ++i) sets += fmt::format("{} = ${}, ", columns[i], i + 1);
  if (search_text && HasSearch(object)) {
    cells.emplace_back(*search_text);
    sets += fmt::format("search_text = ${}, ", cells.size());
  }
  cells.emplace_back(now);
  sets += fmt::format("version = version + 1, updated_at = ${}", cells.size());
  cells.emplace_back(id);
  std::string sql = fmt::format("UPDATE {} SET {} WHERE id = ${} RETURNING {}", object.table, sets, cells.size(),
                                layout->returning_list());
  auto rows = conn.Query(sql, cells);
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return Error{ErrorCode::kNotFound, fmt::format("no {} with id {}", object.name, id), {}};
  return layout->ToJson(*rows, 0, false);
}

Status RecordRepository::SetDeleted(store::Connection& conn, const meta::ObjectDef& object, std::int64_t id,
                                    std::optional<Micros> deleted_at, Micros now) {
  std::string sql = fmt::format(
      "UPDATE {} SET deleted_at = $1, version = version + 1, updated_at = $2 WHERE id = $3", object.table);
  auto changed = conn.Exec(sql, {deleted_at ? Value(*deleted_at) : Value(), Value(now), Value(id)});
  if (!changed.ok()) return std::move(changed).error();
  return {};
}

Status RecordRepository::Purge(store::Connection& conn, const meta::Registry& registry,
                               const meta::ObjectDef& object, std::int64_t id, Micros now) {
  // Links to it from other records are cleared first, so nothing points at a record that is gone.
  auto cleared = Relink(conn, registry, object, id, std::nullopt, now);
  if (!cleared.ok()) return std::move(cleared).error();
  auto links = conn.Exec("DELETE FROM record_links WHERE object = $1 AND record_id = $2",
                         {Value(object.name), Value(id)});
  if (!links.ok()) return std::move(links).error();
  auto rows = conn.Exec(fmt::format("DELETE FROM {} WHERE id = $1", object.table), {Value(id)});
  if (!rows.ok()) return std::move(rows).error();
  return {};
}

Result<std::map<std::string, std::int64_t>> RecordRepository::Relink(store::Connection& conn,
                                                                      const meta::Registry& registry,
                                                                      const meta::ObjectDef& object, std::int64_t from,
                                                                      std::optional<std::int64_t> into, Micros now) {
  std::map<std::string, std::int64_t> changed;
  const Value target = into ? Value(*into) : Value();
  for (const meta::ObjectDef& other : registry.objects()) {
    for (const meta::FieldDef& f : other.fields) {
      if (f.target != object.name) continue;
      Result<std::int64_t> n = std::int64_t{0};
      if (f.type == meta::FieldType::kLink) {
        const std::string column = meta::Columns(f, dialect_).front().name;
        n = conn.Exec(fmt::format("UPDATE {0} SET {1} = $1, version = version + 1, updated_at = $2 WHERE {1} = $3",
                                  other.table, column),
                      {target, Value(now), Value(from)});
      } else if (f.type == meta::FieldType::kLinkMany) {
        const std::vector<Value> key = {Value(other.name), Value(f.name), Value(from)};
        auto bumped = conn.Exec(
            fmt::format("UPDATE {} SET version = version + 1, updated_at = $4 WHERE id IN (SELECT record_id FROM "
                        "record_links WHERE object = $1 AND field = $2 AND target_id = $3)",
                        other.table),
            {key[0], key[1], key[2], Value(now)});
        if (!bumped.ok()) return std::move(bumped).error();
        if (into) {
          auto copied = conn.Exec(
              "INSERT INTO record_links (object, field, record_id, target_id) SELECT object, field, record_id, $4 "
              "FROM record_links WHERE object = $1 AND field = $2 AND target_id = $3 ON CONFLICT DO NOTHING",
              {key[0], key[1], key[2], target});
          if (!copied.ok()) return std::move(copied).error();
        }
        n = conn.Exec("DELETE FROM record_links WHERE object = $1 AND field = $2 AND target_id = $3", key);
      }
      if (!n.ok()) return std::move(n).error();
      if (*n > 0) changed[other.name] += *n;
    }
  }
  return changed;
}

Status RecordRepository::SaveLinks(store::Connection& conn, const meta::ObjectDef& object,
                                   const meta::FieldDef& field, std::int64_t id,
                                   std::span<const std::int64_t> targets) {
  auto cleared = conn.Exec("DELETE FROM record_links WHERE object = $1 AND field = $2 AND record_id = $3",
                           {Value(object.name), Value(field.name), Value(id)});
  if (!cleared.ok()) return std::move(cleared).error();
  for (std::int64_t target : targets) {
    auto added = conn.Exec(
        "INSERT INTO record_links (object, field, record_id, target_id) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT DO NOTHING",
        {Value(object.name), Value(field.name), Value(id), Value(target)});
    if (!added.ok()) return std::move(added).error();
  }
  return {};
}

Result<std::optional<std::int64_t>> RecordRepository::FindIdByKey(store::Connection& conn,
                                                                  const meta::ObjectDef& object,
                                                                  const meta::FieldDef& key, std::string_view value) {
  // Tags are unique without regard to case (migration 0001); the lookup matches that.
  auto rows = conn.Query(fmt::format("SELECT id FROM {} WHERE lower({}) = lower($1) AND deleted_at IS NULL",
                                     object.table, meta::Columns(key, dialect_).front().name),
                         {Value(std::string(value))});
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows->Int(0, 0));
}

Result<std::vector<std::int64_t>> RecordRepository::IdsLinkingTo(store::Connection& conn, const meta::ObjectDef& object,
                                                                 const meta::FieldDef& link, std::int64_t target) {
  auto rows = conn.Query(fmt::format("SELECT id FROM {} WHERE {} = $1", object.table,
                                     meta::Columns(link, dialect_).front().name),
                         {Value(target)});
  if (!rows.ok()) return std::move(rows).error();
  std::vector<std::int64_t> ids;
  for (std::size_t r = 0; r < rows->rows(); ++r) ids.push_back(rows->Int(r, 0));
  return ids;
}

Result<std::string> RecordRepository::SearchText(store::Connection& conn, const meta::Registry& registry,
                                                 const meta::ObjectDef& object, const bj::object& record) {
  std::vector<std::string> parts;
  for (const std::string& name : object.search) {
    const meta::FieldDef* f = object.FindField(name);
    const bj::value* v = record.if_contains(name);
    if (f == nullptr || !f->active || v == nullptr || v->is_null()) continue;
    if (f->type == meta::FieldType::kLink) {
      const meta::ObjectDef* target = registry.FindObject(f->target);
      auto title = Title(conn, *target, v->to_number<std::int64_t>());
      if (!title.ok()) return std::move(title).error();
      parts.push_back(std::move(*title));
    } else if (v->is_array()) {
      for (const bj::value& item : v->get_array()) {
        if (item.is_string()) parts.emplace_back(item.get_string());
      }
    } else if (v->is_string()) {
      parts.emplace_back(v->get_string());
    }
  }
  std::vector<std::string_view> views(parts.begin(), parts.end());
  return SearchDocument(views);
}

Status RecordRepository::SetSearchText(store::Connection& conn, const meta::ObjectDef& object, std::int64_t id,
                                       const std::string& text) {
  auto updated = conn.Exec(fmt::format("UPDATE {} SET search_text = $1 WHERE id = $2", object.table),
                           {Value(text), Value(id)});
  if (!updated.ok()) return std::move(updated).error();
  return {};
}

Result<bool> RecordRepository::Exists(store::Connection& conn, const meta::ObjectDef& object, std::int64_t id) {
  auto rows = conn.Query(fmt::format("SELECT 1 FROM {} WHERE id = $1 AND deleted_at IS NULL", object.table),
                         {Value(id)});
  if (!rows.ok()) return std::move(rows).error();
  return !rows->empty();
}

Result<std::string> RecordRepository::Title(store::Connection& conn, const meta::ObjectDef& object, std::int64_t id) {
  if (object.title.empty()) return std::string();
  std::string columns;
  for (const std::string& name : object.title) {
    const meta::FieldDef* f = object.FindField(name);
    columns += (columns.empty() ? "" : ", ") + meta::Columns(*f, dialect_).front().name;
  }
  auto rows = conn.Query(fmt::format("SELECT {} FROM {} WHERE id = $1", columns, object.table), {Value(id)});
  if (!rows.ok()) return std::move(rows).error();
  std::string title;
  if (rows->empty()) return title;
  for (std::size_t c = 0; c < rows->columns(); ++c) {
    const Value& v = rows->at(0, c);
    std::string part = std::holds_alternative<std::string>(v) ? std::get<std::string>(v)
                       : std::holds_alternative<std::int64_t>(v) ? std::to_string(std::get<std::int64_t>(v))
                                                                 : std::string();
    if (part.empty()) continue;
    title += (title.empty() ? "" : " ") + part;
  }
  return title;
}

Result<RecordPage> RecordRepository::List(store::Connection& conn, const meta::Registry& registry,
                                          const meta::ObjectDef& object, const ListSpec& spec) {
  auto layout = Layout(registry, object);
  std::vector<Value> params = spec.params;
  std::vector<std::string> where;
  if (!spec.include_deleted) where.emplace_back("t.deleted_at IS NULL");
  if (!spec.where.empty()) where.push_back("(" + spec.where + ")");
  const bool pg = dialect_ == store::Dialect::kPostgres;
  const bool ranked = !spec.search_terms.empty() && spec.sort.keys.empty() && spec.sort.text.empty();
  std::string from = fmt::format("{} t", object.table);
  std::string order;
  if (!spec.search_terms.empty()) {
    if (pg) {
      std::string q = Placeholder(params, Value(TsqueryPrefix(spec.search_terms)));
      where.push_back(fmt::format("t.search_vector @@ to_tsquery('simple', {})", q));
      if (ranked) order = fmt::format(" ORDER BY ts_rank(t.search_vector, to_tsquery('simple', {})) DESC, t.id", q);
    } else {
      std::string q = Placeholder(params, Value(Fts5PrefixQuery(spec.search_terms)));
      if (ranked) {
        // Rank the newest kMaxRankedCandidates matches that pass the filters (or as many as the
        // page needs) in one walk of the doclist from the newest rowid, then read the page's rows.
        // A short prefix ("mül", "+49 30") matches a large share of a big table; ranking them all
        // would cost as much as there are matches.
        const std::int64_t candidates =
            std::max<std::int64_t>(kMaxRankedCandidates, spec.offset + spec.limit + 1);
        where.push_back(fmt::format("{}_search MATCH {}", object.table, q));
        std::string ranked_ids = fmt::format(
            "SELECT {0}_search.rowid AS id, {1}({0}_search) AS score FROM {0}_search JOIN {0} t ON t.id = "
            "{0}_search.rowid",
            object.table, store::sqlite::kSearchRankFunction);
        ranked_ids += WhereClause(where) + fmt::format(" ORDER BY {}_search.rowid DESC LIMIT {}", object.table, candidates);
        where.clear();
        from = fmt::format("({}) c JOIN {} t ON t.id = c.id", ranked_ids, object.table);
        order = " ORDER BY c.score, t.id DESC";
      } else {
        where.push_back(fmt::format("t.id IN (SELECT rowid FROM {0}_search WHERE {0}_search MATCH {1})",
                                    object.table, q));
      }
    }
  }
  if (!ranked) {
    if (spec.after) where.push_back(AfterCondition(spec.sort, *spec.after, dialect_, params));
    order = OrderBy(spec.sort);
  }
  std::string extra;
  for (const SortKey& k : spec.sort.keys) extra += ", t." + k.column;
  std::string sql = fmt::format("SELECT {}{} FROM {}", layout->select_list(), extra, from);
  sql += WhereClause(where) + order;
  sql += fmt::format(" LIMIT {}", spec.limit + 1);
  if (ranked && spec.offset > 0) sql += fmt::format(" OFFSET {}", spec.offset);

  auto rows = conn.Query(sql, params);
  if (!rows.ok()) return std::move(rows).error();
  RecordPage page;
  const std::size_t n = std::min<std::size_t>(rows->rows(), static_cast<std::size_t>(spec.limit));
  page.records.reserve(n);
  for (std::size_t r = 0; r < n; ++r) {
    auto record = layout->ToJson(*rows, r, true);
    if (!record.ok()) return std::move(record).error();
    page.records.push_back(std::move(*record));
  }
  if (rows->rows() > n && n > 0) {
    if (ranked) {
      page.next = EncodeRankedCursor(spec.offset + static_cast<std::int64_t>(n));
    } else {
      std::vector<Value> last;
      for (std::size_t k = 0; k < spec.sort.keys.size(); ++k) last.push_back(rows->at(n - 1, layout->column_count() + k));
      page.next = EncodeCursor(spec.sort, last, page.records.back().at("id").as_int64());
    }
  }
  return page;
}

}  // namespace rapport::domain
