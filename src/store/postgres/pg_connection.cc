#include "store/postgres/pg_connection.h"

#include <fmt/format.h>

#include <charconv>
#include <stdexcept>
#include <type_traits>
#include <variant>

namespace rapport::store::postgres {
namespace {

// Type OIDs from pg_type.h (stable across releases).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

constexpr char kConnectTimeoutSeconds[] = "5";

// Copied rather than built per cell: GCC 12 warns (falsely) about moving a fresh monostate Value.
const Value kNull;

// libpq messages end in newlines and continue on tab-indented lines; logs want one line.
std::string OneLine(const char* text) {
  std::string out;
  bool space = false;
  for (const char* p = text != nullptr ? text : ""; *p != '\0'; ++p) {
    if (*p == '\n' || *p == '\r' || *p == '\t' || *p == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(*p);
  }
  return out;
}

std::string_view Field(const PGresult* res, int field) {
  const char* value = res != nullptr ? PQresultErrorField(res, field) : nullptr;
  return value != nullptr ? std::string_view(value) : std::string_view();
}

// "cached plan must not change result type": a `SELECT *` whose table gained or lost a column
// since we prepared it. SQLSTATE 0A000 is shared with other unsupported features, hence the text.
bool IsStalePlan(const PGresult* res) {
  return Field(res, PG_DIAG_SQLSTATE) == "0A000" &&
         Field(res, PG_DIAG_MESSAGE_PRIMARY).starts_with("cached plan must not change result type");
}

Value Convert(const char* text, int length, Oid type) {
  const char* end = text + length;
  switch (type) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid: {
      std::int64_t v = 0;
      if (std::from_chars(text, end, v).ec == std::errc()) return v;
      break;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      // from_chars reads "NaN", "Infinity" and "-Infinity" as PostgreSQL writes them.
      double v = 0;
      if (std::from_chars(text, end, v).ec == std::errc()) return v;
      break;
    }
    case kBoolOid:
      return length > 0 && text[0] == 't';
    default:
      break;
  }
  return std::string(text, static_cast<std::size_t>(length));
}

}  // namespace

bool IsConnectionLoss(std::string_view sqlstate) {
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

PgConnection::PgConnection(const std::string& url) {
  // Entries before the expanded dbname are defaults that the URL's own settings override.
  const char* const keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
  const char* const values[] = {kConnectTimeoutSeconds, "rapport", url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn_ == nullptr) throw std::runtime_error("out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = OneLine(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw std::runtime_error(message);
  }
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  // Terse: the DETAIL of an error may quote row values, which must not reach logs.
  PQsetErrorVerbosity(conn_, PQERRORS_TERSE);
  PgResult res(PQexec(conn_, "SET TIME ZONE 'UTC'"));
  if (res == nullptr || PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
    std::string message = OneLine(PQerrorMessage(conn_));
    res.reset();
    PQfinish(conn_);
    conn_ = nullptr;
    throw std::runtime_error(fmt::format("cannot configure the session: {}", message));
  }
}

PgConnection::~PgConnection() { PQfinish(conn_); }

Error PgConnection::Translate(const PGresult* res, std::string_view what) {
  last_error_retryable_ = false;
  std::string_view sqlstate = Field(res, PG_DIAG_SQLSTATE);
  std::string text;
  if (sqlstate.starts_with("22")) {
    // Data exceptions quote the offending value in their primary message.
    text = "invalid data value";
  } else if (std::string_view primary = Field(res, PG_DIAG_MESSAGE_PRIMARY); !primary.empty()) {
    text = std::string(primary);
  } else {
    text = OneLine(PQerrorMessage(conn_));
  }
  if (text.empty()) text = "unknown error";
  std::string message = sqlstate.empty() ? fmt::format("{}: {}", what, text)
                                         : fmt::format("{}: {} (SQLSTATE {})", what, text, sqlstate);

  // A null result is libpq failing to send or receive (or out of memory): trust the session no more.
  if (res == nullptr || PQstatus(conn_) == CONNECTION_BAD || IsConnectionLoss(sqlstate)) {
    broken_ = true;
    return Error{ErrorCode::kUnavailable, std::move(message), {}};
  }
  if (sqlstate == "23505") return Error{ErrorCode::kConflict, std::move(message), {}};
  if (sqlstate == "23503" || sqlstate == "23514" || sqlstate == "23502") {
    return Error{ErrorCode::kFailedPrecondition, std::move(message), {}};
  }
  if (sqlstate == "40001" || sqlstate == "40P01") {
    last_error_retryable_ = true;
    return Error{ErrorCode::kUnavailable, std::move(message), {}};
  }
  return Error{ErrorCode::kInternal, std::move(message), {}};
}

bool PgConnection::Alive() {
  if (broken() || !idle()) return false;
  // The server announces a shutdown with an error message and then closes the socket: the first
  // read takes in the message (passed to the no-op notice processor), the second one sees the end.
  for (int i = 0; i < 2; ++i) {
    if (PQconsumeInput(conn_) == 0) break;
    (void)PQisBusy(conn_);
  }
  return !broken();
}

void PgConnection::DropCache() { statements_.clear(); }

void PgConnection::DeallocateDropped() {
  // Outside a transaction a failure here harms nothing, and the name is never used again.
  for (const std::string& name : dropped_) PgResult(PQexec(conn_, fmt::format("DEALLOCATE {}", name).c_str()));
  dropped_.clear();
}

Result<const PgConnection::Prepared*> PgConnection::Prepare(std::string_view sql) {
  // Keyed by the caller's text: statements come from code and the registry, so the cache stays small.
  auto it = statements_.find(sql);
  if (it != statements_.end()) return &it->second;
  std::string text(sql);
  std::string name = fmt::format("s{}", ++next_statement_);
  PgResult prepared(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr));
  if (prepared == nullptr || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
    return Translate(prepared.get(), "prepare");
  }
  // The parameter count, so that a mismatch is our error and not a protocol violation (08P01),
  // which would read as a lost connection.
  PgResult described(PQdescribePrepared(conn_, name.c_str()));
  if (described == nullptr || PQresultStatus(described.get()) != PGRES_COMMAND_OK) {
    dropped_.push_back(name);
    return Translate(described.get(), "describe");
  }
  auto [pos, inserted] = statements_.emplace(std::move(text), Prepared{std::move(name), PQnparams(described.get())});
  return &pos->second;
}

Result<PgConnection::PgResult> PgConnection::Run(std::string_view sql, std::span<const Value> params,
                                                 const char* what) {
  last_error_retryable_ = false;
  // Text-format parameters: `scratch` owns the formatted numbers; reserved so pointers stay put.
  std::vector<std::string> scratch;
  scratch.reserve(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Value& param = params[i];
    if (const auto* s = std::get_if<std::string>(&param)) {
      if (s->find('\0') != std::string::npos) {
        return Error{ErrorCode::kInvalidArgument,
                     fmt::format("{}: text parameter ${} contains a NUL character", what, i + 1), {}};
      }
      values[i] = s->c_str();
      continue;
    }
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::int64_t>) {
            values[i] = scratch.emplace_back(fmt::format("{}", v)).c_str();
          } else if constexpr (std::is_same_v<T, double>) {
            values[i] = scratch.emplace_back(fmt::format("{:.17g}", v)).c_str();
          } else if constexpr (std::is_same_v<T, bool>) {
            values[i] = v ? "true" : "false";
          }
        },
        param);
  }

  for (int attempt = 0;; ++attempt) {
    auto prepared = Prepare(sql);
    if (!prepared.ok()) return std::move(prepared).error();
    const Prepared& statement = **prepared;
    if (static_cast<std::size_t>(statement.params) != params.size()) {
      return Error{ErrorCode::kInternal,
                   fmt::format("{}: statement takes {} parameters, {} given", what, statement.params, params.size()),
                   {}};
    }
    std::string name = statement.name;
    PgResult res(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(), nullptr,
                                nullptr, 0));
    ExecStatusType status = res != nullptr ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return res;

    // A cached statement that no longer fits the server: gone (26000, after DEALLOCATE ALL or
    // DISCARD ALL) or planned for an older table shape. Outside a transaction prepare it again
    // now; inside one the transaction is already aborted, so ask for a rerun.
    bool missing = Field(res.get(), PG_DIAG_SQLSTATE) == "26000";
    bool stale = IsStalePlan(res.get());
    if (!missing && !stale) return Translate(res.get(), what);
    if (missing) {
      DropCache();
    } else {
      if (auto stale = statements_.find(sql); stale != statements_.end()) statements_.erase(stale);
      dropped_.push_back(std::move(name));
    }
    if (attempt == 0 && idle()) continue;
    Error error = Translate(res.get(), what);
    if (error.code == ErrorCode::kInternal) {
      error.code = ErrorCode::kUnavailable;
      last_error_retryable_ = true;
    }
    return error;
  }
}

Result<ResultSet> PgConnection::Query(std::string_view sql, std::span<const Value> params) {
  auto res = Run(sql, params, "query");
  if (!res.ok()) return std::move(res).error();
  const PGresult* r = res->get();
  int columns = PQnfields(r);
  int tuples = PQntuples(r);
  std::vector<Oid> types(static_cast<std::size_t>(columns));
  for (int c = 0; c < columns; ++c) types[static_cast<std::size_t>(c)] = PQftype(r, c);
  ResultSet rows(static_cast<std::size_t>(columns));
  for (int t = 0; t < tuples; ++t) {
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(r, t, c) != 0) {
        rows.Append(kNull);
      } else {
        rows.Append(Convert(PQgetvalue(r, t, c), PQgetlength(r, t, c), types[static_cast<std::size_t>(c)]));
      }
    }
  }
  return rows;
}

Result<std::int64_t> PgConnection::Exec(std::string_view sql, std::span<const Value> params) {
  auto res = Run(sql, params, "exec");
  if (!res.ok()) return std::move(res).error();
  std::string_view count = PQcmdTuples(res->get());
  std::int64_t changed = 0;
  if (!count.empty()) std::from_chars(count.data(), count.data() + count.size(), changed);
  return changed;
}

Status PgConnection::ExecScript(std::string_view sql) {
  last_error_retryable_ = false;
  std::string text(sql);
  // The simple protocol runs every statement of the script; the result is that of the last one, or
  // of the first that failed.
  PgResult res(PQexec(conn_, text.c_str()));
  ExecStatusType status = res != nullptr ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return {};
  return Translate(res.get(), "script");
}

Status PgConnection::Control(std::string_view sql) {
  last_error_retryable_ = false;
  if (!dropped_.empty() && idle()) DeallocateDropped();
  std::string text(sql);
  PgResult res(PQexec(conn_, text.c_str()));
  if (res == nullptr || PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
    std::string what(sql.substr(0, sql.find(' ')));
    for (char& c : what) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return Translate(res.get(), what);
  }
  if (sql == "COMMIT" && std::string_view(PQcmdStatus(res.get())) == "ROLLBACK") {
    return Status(ErrorCode::kInternal,
                  "commit: the transaction had failed (an error was ignored inside it) and was rolled back");
  }
  return {};
}

}  // namespace rapport::store::postgres
