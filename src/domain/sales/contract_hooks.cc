#include "domain/sales/contract_hooks.h"

#include "domain/record/record_json.h"
#include "domain/record/record_service.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using store::Value;

constexpr int kSweepBatch = 500;

std::string Today(Micros now) { return FormatTimestamp(now).substr(0, 10); }

// Dates are ISO 8601 text, so they compare as text.
std::string Text(const bj::value& v) { return v.is_string() ? std::string(v.get_string()) : std::string(); }

Error Bad(std::string field, std::string problem) {
  std::string message = field + " " + problem;
  return Error{ErrorCode::kFailedPrecondition, std::move(message), {{std::move(field), std::move(problem)}}};
}

Status CheckContract(WriteContext&, const bj::object*, bj::object& after) {
  const std::string start = Text(Member(&after, "start_date"));
  const std::string end = Text(Member(&after, "end_date"));
  if (!end.empty() && end < start) return Bad("end_date", "is before start_date " + start);
  if (Member(&after, "renewal_date").is_null() && !end.empty()) after["renewal_date"] = end;
  return {};
}

Status CheckInvoice(WriteContext& ctx, const bj::object* before, bj::object& after) {
  const std::string issued = Text(Member(&after, "issue_date"));
  if (Text(Member(&after, "due_date")) < issued) return Bad("due_date", "is before issue_date " + issued);
  const std::string status = Text(Member(&after, "status"));
  const bool paid_date_given = !Member(&after, "paid_date").is_null();
  if (paid_date_given && (status == "draft" || status == "sent")) after["status"] = "paid";
  if (status == "paid" && !paid_date_given) after["paid_date"] = Today(ctx.now);
  // Paid no more (a reversed payment): the paid date goes with it.
  if (before != nullptr && Text(Member(before, "status")) == "paid" && status != "paid" &&
      Member(before, "paid_date") == Member(&after, "paid_date") && status != "void") {
    after["paid_date"] = nullptr;
  }
  after["overdue"] = Text(after["status"]) == "sent" && Text(Member(&after, "due_date")) < Today(ctx.now);
  return {};
}

}  // namespace

void AddContractHooks(HookRegistry& hooks) {
  hooks.Add("contract", BeforeWriteHook(CheckContract));
  hooks.Add("invoice", BeforeWriteHook(CheckInvoice));
}

Result<std::int64_t> SweepOverdueInvoices(RecordService& records, Micros now) {
  std::int64_t marked = 0;
  for (;;) {
    std::int64_t here = 0;
    Status status = records.WriteBatch(Caller::System(), [&](BatchWriter& w) -> Status {
      here = 0;
      const meta::ObjectDef& def = *w.registry().FindObject("invoice");
      auto rows = w.conn().Query(
          "SELECT id FROM invoices WHERE deleted_at IS NULL AND status = 'sent' AND overdue = $1 AND due_date < $2 "
          "ORDER BY id LIMIT " + std::to_string(kSweepBatch),
          {Value(false), Value(Today(now))});
      if (!rows.ok()) return std::move(rows).error();
      for (std::size_t r = 0; r < rows->rows(); ++r) {
        // An empty change: the invoice hook derives `overdue` on the way.
        auto after = w.Update(def, std::get<std::int64_t>(rows->at(r, 0)), bj::object{});
        if (!after.ok()) return std::move(after).error();
        if (!after->at("overdue").as_bool()) {
          return Error{ErrorCode::kInternal, "an overdue invoice was not marked", {}};
        }
        ++here;
      }
      return {};
    });
    if (!status.ok()) return std::move(status).error();
    marked += here;
    if (here < kSweepBatch) return marked;
  }
}

}  // namespace rapport::domain
