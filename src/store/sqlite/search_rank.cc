#include "store/sqlite/search_rank.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace rapport::store::sqlite {
namespace {

// A term that does not match (an OR branch, not used today) weighs as if it matched far away.
constexpr int kNoMatch = 1000;
// Terms past this many do not count toward the rank.
constexpr int kMaxRankedTerms = 16;

void Rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int, sqlite3_value**) {
  const int terms = std::min(api->xPhraseCount(fts), kMaxRankedTerms);
  std::array<int, kMaxRankedTerms> first;
  first.fill(kNoMatch);
  int hits = 0;
  if (int rc = api->xInstCount(fts, &hits); rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  for (int i = 0; i < hits; ++i) {
    int phrase = 0, column = 0, offset = 0;
    if (int rc = api->xInst(fts, i, &phrase, &column, &offset); rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    if (phrase < terms) first[phrase] = std::min(first[phrase], offset);
  }
  std::int64_t score = 0;
  for (int p = 0; p < terms; ++p) score += first[p];
  sqlite3_result_int64(ctx, score);
}

}  // namespace

bool RegisterSearchRank(sqlite3* db) {
  // The documented way to reach the FTS5 API: SELECT fts5(?) hands its pointer out.
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) return false;
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (api == nullptr || api->iVersion < 2) return false;
  return api->xCreateFunction(api, kSearchRankFunction, nullptr, &Rank, nullptr) == SQLITE_OK;
}

}  // namespace rapport::store::sqlite
