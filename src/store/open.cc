#include <fmt/format.h>

#include <exception>

#include "store/postgres/pg_database.h"
#include "store/sqlite/sqlite_database.h"
#include "store/store.h"

namespace rapport::store {

Result<std::unique_ptr<Database>> Open(std::string_view url, const OpenOptions& options) {
  try {
    if (url.starts_with("sqlite:")) {
      std::string path(url.substr(7));
      if (path.empty() || path == ":memory:" || path.starts_with("file::memory:")) {
        return Error{ErrorCode::kInvalidArgument, "sqlite: needs a file path, as in sqlite:./data/rapport.db", {}};
      }
      return std::unique_ptr<Database>(std::make_unique<sqlite::SqliteDatabase>(path, options));
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
      return postgres::PgDatabase::Open(std::string(url), options);
    }
  } catch (const std::exception& e) {
    return Error{ErrorCode::kUnavailable, e.what(), {}};
  }
  return Error{ErrorCode::kInvalidArgument,
               fmt::format("unknown database URL '{}': use sqlite:PATH or postgresql://…", url), {}};
}

}  // namespace rapport::store
