#include "domain/tag/tag_repository.h"

namespace rapport::domain {
namespace {

constexpr std::string_view kColumns = "id, name, color, description, version, created_at, updated_at";

Tag FromRow(const store::ResultSet& rows, std::size_t r) {
  return Tag{rows.Int(r, 0), std::string(rows.Text(r, 1)), rows.OptText(r, 2), rows.OptText(r, 3),
             rows.Int(r, 4), rows.Int(r, 5), rows.Int(r, 6)};
}

store::Value Opt(const std::optional<std::string>& s) {
  return s ? store::Value(*s) : store::Value(std::monostate{});
}

}  // namespace

Result<Tag> TagRepository::Insert(store::Connection& conn, const NewTag& tag, Micros now) {
  auto rows = conn.Query(
      "INSERT INTO tags (name, color, description, version, created_at, updated_at) "
      "VALUES ($1, $2, $3, 1, $4, $4) RETURNING id",
      {store::Value(tag.name), Opt(tag.color), Opt(tag.description), store::Value(now)});
  if (!rows.ok()) return std::move(rows).error();
  return Tag{rows->Int(0, 0), tag.name, tag.color, tag.description, 1, now, now};
}

Result<std::optional<Tag>> TagRepository::FindById(store::Connection& conn, std::int64_t id) {
  static const std::string sql = "SELECT " + std::string(kColumns) + " FROM tags WHERE id = $1";
  auto rows = conn.Query(sql, {store::Value(id)});
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return std::optional<Tag>();
  return std::optional<Tag>(FromRow(*rows, 0));
}

Result<std::vector<Tag>> TagRepository::ListAfter(store::Connection& conn, std::int64_t after, int limit) {
  static const std::string sql = "SELECT " + std::string(kColumns) + " FROM tags WHERE id > $1 ORDER BY id LIMIT $2";
  auto rows = conn.Query(sql, {store::Value(after), store::Value(std::int64_t{limit})});
  if (!rows.ok()) return std::move(rows).error();
  std::vector<Tag> tags;
  tags.reserve(rows->rows());
  for (std::size_t r = 0; r < rows->rows(); ++r) tags.push_back(FromRow(*rows, r));
  return tags;
}

}  // namespace rapport::domain
