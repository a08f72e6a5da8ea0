#include "domain/relationship/relationship_hooks.h"

#include "domain/record/record_json.h"
#include "meta/time_text.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;

constexpr Micros kDay = 86'400'000'000;
constexpr std::string_view kStageFields[] = {"relationship_stage", "lifecycle_stage"};

// next_touch_due = the last touch (or, before any, the moment the cadence was set) + the cadence.
void DeriveNextTouch(const WriteContext& ctx, const bj::object* before, bj::object& after) {
  // The last touch only moves forward: an older interaction logged later leaves it.
  auto last = TimeOf(Member(&after, "last_touch_at"));
  auto known = TimeOf(Member(before, "last_touch_at"));
  if (known && (!last || *last < *known)) after["last_touch_at"] = Member(before, "last_touch_at");
  const bj::value& cadence = Member(&after, "touch_cadence_days");
  if (!cadence.is_int64()) {
    after["next_touch_due"] = nullptr;
    return;
  }
  std::optional<Micros> base = TimeOf(Member(&after, "last_touch_at"));
  if (!base) {
    const bool unchanged = before != nullptr && Member(before, "touch_cadence_days") == cadence &&
                           !Member(before, "next_touch_due").is_null();
    if (unchanged) return;
    base = ctx.now;
  }
  after["next_touch_due"] = FormatTimestamp(*base + cadence.get_int64() * kDay);
}

RecordHooks ProfileHooks(std::string object) {
  RecordHooks hooks;
  const bool person = object == "person";
  hooks.before_write = [person](WriteContext& ctx, const bj::object* before, bj::object& after) -> Status {
    DeriveNextTouch(ctx, before, after);
    if (person) {
      const bj::value& birthday = Member(&after, "birthday");
      auto md = birthday.is_string() ? MonthDay(birthday.get_string()) : std::nullopt;
      after["birthday_md"] = md ? bj::value(*md) : bj::value(nullptr);
    }
    return {};
  };
  hooks.after_write = [object](WriteContext& ctx, const bj::object* before, const bj::object& after) -> Status {
    for (std::string_view field : kStageFields) {
      const bj::value& from = Member(before, field);
      const bj::value& to = Member(&after, field);
      if (from == to || (before == nullptr && to.is_null())) continue;
      // The reason belongs to this change only when this write gave it.
      const bj::value& reason = Member(&after, "stage_reason");
      const bool new_reason = before == nullptr || Member(before, "stage_reason") != reason;
      bj::object change{{object, after.at("id")},
                        {"field", field},
                        {"from_stage", from},
                        {"to_stage", to},
                        {"reason", new_reason ? reason : bj::value(nullptr)},
                        {"changed_at", FormatTimestamp(ctx.now)}};
      if (ctx.actor) change["changed_by"] = *ctx.actor;
      auto created = ctx.writer.CreateIn(ctx, "stage_change", std::move(change));
      if (!created.ok()) return std::move(created).error();
    }
    return {};
  };
  return hooks;
}

}  // namespace

std::optional<std::int64_t> MonthDay(std::string_view date) {
  if (!meta::IsDate(date)) return std::nullopt;
  return std::stoll(std::string(date.substr(5, 2))) * 100 + std::stoll(std::string(date.substr(8, 2)));
}

void AddRelationshipHooks(HookRegistry& hooks) {
  hooks.Add("person", ProfileHooks("person"));
  hooks.Add("organization", ProfileHooks("organization"));
  hooks.Add("personal_date",
            BeforeWriteHook([](WriteContext&, const bj::object*, bj::object& after) -> Status {
              const bj::value& date = Member(&after, "date");
              auto md = date.is_string() ? MonthDay(date.get_string()) : std::nullopt;
              after["month_day"] = md ? bj::value(*md) : bj::value(nullptr);
              return {};
            }));
  hooks.Add("address", BeforeWriteHook([](WriteContext&, const bj::object*, bj::object& after) -> Status {
              if (Member(&after, "person").is_null() && Member(&after, "organization").is_null()) {
                return Error{ErrorCode::kInvalidArgument, "an address belongs to a person or an organization",
                             {{"person", "is required when organization is not given"}}};
              }
              return {};
            }));
}

}  // namespace rapport::domain
