#include "domain/tag/tag_service.h"

#include <boost/json.hpp>
#include <cctype>

#include "domain/tag/tag_repository.h"
#include "store/outbox.h"

namespace rapport::domain {
namespace {

constexpr std::size_t kMaxName = 64;
constexpr std::size_t kMaxDescription = 1000;

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Trim(std::string_view s) {
  auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  auto end = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(begin, end - begin + 1));
}

bool IsHexColor(std::string_view s) {
  if (s.size() != 7 || s[0] != '#') return false;
  for (char c : s.substr(1)) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

std::vector<FieldError> ValidateTag(NewTag& tag) {
  std::vector<FieldError> problems;
  tag.name = Trim(tag.name);
  if (tag.name.empty()) {
    problems.push_back({"name", "is required"});
  } else if (CodePoints(tag.name) > kMaxName) {
    problems.push_back({"name", "must be at most 64 characters"});
  }
  if (tag.color) {
    for (char& c : *tag.color) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!IsHexColor(*tag.color)) problems.push_back({"color", "must be a color as #rrggbb"});
  }
  if (tag.description && CodePoints(*tag.description) > kMaxDescription) {
    problems.push_back({"description", "must be at most 1000 characters"});
  }
  // PostgreSQL cannot store NUL in text; refuse it on both stores alike.
  if (tag.name.find('\0') != std::string::npos) problems.push_back({"name", "must not contain NUL characters"});
  if (tag.description && tag.description->find('\0') != std::string::npos) {
    problems.push_back({"description", "must not contain NUL characters"});
  }
  return problems;
}

Result<Tag> TagService::Create(NewTag tag) {
  if (auto problems = ValidateTag(tag); !problems.empty()) {
    return Error{ErrorCode::kInvalidArgument, "the tag is not valid", std::move(problems)};
  }
  Micros now = clock_.Now();
  auto created = store::WriteValue(db_, [&](store::Connection& conn) -> Result<Tag> {
    auto inserted = TagRepository::Insert(conn, tag, now);
    if (!inserted.ok()) return inserted;
    boost::json::object payload{{"id", inserted->id}, {"name", inserted->name}};
    RAPPORT_RETURN_IF_ERROR(store::AppendEvent(
        conn, {"tag.created", "tag", std::to_string(inserted->id), boost::json::serialize(payload)}, now));
    return inserted;
  });
  if (!created.ok() && created.error().code == ErrorCode::kConflict) {
    return Error{ErrorCode::kConflict, "a tag with this name exists already",
                 {{"name", "is taken by another tag"}}};
  }
  return created;
}

Result<std::optional<Tag>> TagService::Find(std::int64_t id) {
  return store::ReadStatementValue(db_, [&](store::Connection& conn) { return TagRepository::FindById(conn, id); });
}

Result<TagPage> TagService::List(std::int64_t after, int limit) {
  return store::ReadValue(db_, [&](store::Connection& conn) -> Result<TagPage> {
    // One more than asked tells whether another page follows.
    auto tags = TagRepository::ListAfter(conn, after, limit + 1);
    if (!tags.ok()) return std::move(tags).error();
    TagPage page{std::move(*tags), std::nullopt};
    if (page.tags.size() > static_cast<std::size_t>(limit)) {
      page.tags.pop_back();
      page.next_after = page.tags.back().id;
    }
    return page;
  });
}

}  // namespace rapport::domain
