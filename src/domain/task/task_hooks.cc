#include "domain/task/task_hooks.h"

#include "domain/task/recurrence.h"
#include "domain/record/record_json.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;

bool Done(const bj::value& status) { return status.is_string() && status.get_string() == "done"; }

Status BeforeWrite(WriteContext& ctx, const bj::object* before, bj::object& after) {
  const bj::value& rule = Member(&after, "recurrence");
  if (rule.is_string() && !rule.get_string().empty()) {
    auto parsed = ParseRecurrence(rule.get_string());
    if (!parsed.ok()) return std::move(parsed).error();
    after["recurrence"] = parsed->ToString();
    if (Member(&after, "occurrence").is_null()) after["occurrence"] = 1;
    if (Member(&after, "series_start").is_null() && !Member(&after, "due_at").is_null()) {
      after["series_start"] = Member(&after, "due_at");
    }
  }
  const bool done_now = Done(Member(&after, "status"));
  const bool done_before = Done(Member(before, "status"));
  if (done_now && !done_before) after["completed_at"] = FormatTimestamp(ctx.now);
  if (!done_now && done_before) after["completed_at"] = nullptr;
  return {};
}

// The next occurrence of a recurring task that has just been completed.
Status AfterWrite(WriteContext& ctx, const bj::object* before, const bj::object& after) {
  if (!Done(Member(&after, "status")) || Done(Member(before, "status"))) return {};
  const bj::value& rule_text = Member(&after, "recurrence");
  auto due = TimeOf(Member(&after, "due_at"));
  if (!rule_text.is_string() || rule_text.get_string().empty() || !due) return {};
  auto rule = ParseRecurrence(rule_text.get_string());
  if (!rule.ok()) return {};
  const bj::value& occurrence = Member(&after, "occurrence");
  const int index = occurrence.is_int64() ? static_cast<int>(occurrence.get_int64()) : 1;
  auto next = NextOccurrence(*rule, *due, index, TimeOf(Member(&after, "series_start")));
  if (!next) return {};
  bj::object task;
  for (std::string_view copied : {"title", "kind", "priority", "assignee", "person", "organization", "description",
                                  "recurrence", "series_start", "tags"}) {
    const bj::value& v = Member(&after, copied);
    if (!v.is_null()) task[copied] = v;
  }
  task["due_at"] = FormatTimestamp(*next);
  if (auto remind = TimeOf(Member(&after, "remind_at"))) task["remind_at"] = FormatTimestamp(*next - (*due - *remind));
  task["previous"] = after.at("id");
  task["occurrence"] = index + 1;
  task["status"] = "open";
  auto created = ctx.writer.CreateIn(ctx, "task", std::move(task));
  if (!created.ok()) return std::move(created).error();
  return {};
}

}  // namespace

void AddTaskHooks(HookRegistry& hooks) {
  RecordHooks task;
  task.before_write = BeforeWrite;
  task.after_write = AfterWrite;
  hooks.Add("task", std::move(task));
}

}  // namespace rapport::domain
