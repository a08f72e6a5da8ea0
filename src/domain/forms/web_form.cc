#include "domain/forms/web_form.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "domain/audit/audit_log.h"
#include "domain/import/record_keys.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using meta::FieldType;

Error BadField(std::string field, std::string problem) {
  std::string message = field + " " + problem;
  return Error{ErrorCode::kInvalidArgument, std::move(message), {{std::move(field), std::move(problem)}}};
}

// A field a visitor may fill: one of the person's own, not a link, not derived, not reserved.
bool Fillable(const meta::FieldDef& f) {
  return f.active && !f.read_only && f.type != FieldType::kLink && f.type != FieldType::kLinkMany &&
         f.name != kHoneypotField && f.name != kMessageField && f.name != "owner" && f.name != "lifecycle_stage";
}

// An HTML form posts text: the value its field takes ("on" for a checkbox, a number, a list of one).
Result<bj::value> Coerce(const meta::FieldDef& f, const bj::value& posted) {
  if (!posted.is_string()) return posted;  // JSON posts typed values; the validator checks them
  const std::string text(posted.get_string());
  auto number = [&]<typename T>(T out) -> Result<bj::value> {
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (ec != std::errc() || ptr != text.data() + text.size()) return BadField(f.name, "must be a number");
    return bj::value(out);
  };
  switch (f.type) {
    case FieldType::kBool:
      return bj::value(text == "on" || text == "true" || text == "1" || text == "yes");
    case FieldType::kInt:
      return number(std::int64_t{0});
    case FieldType::kDecimal:
      return number(0.0);
    case FieldType::kMultiEnum:
      return bj::value(bj::array{bj::value(text)});
    default:
      if (f.multiple) return bj::value(bj::array{bj::value(text)});
      return posted;
  }
}

bool Blank(const bj::value& v) { return v.is_null() || (v.is_string() && v.get_string().empty()); }

Status CheckWebForm(WriteContext& ctx, const bj::object*, bj::object& after) {
  const bj::value* key = after.if_contains("key");
  if (key != nullptr && key->is_string()) {
    for (char c : key->get_string()) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
        return BadField("key", "may hold only letters, digits, - and _");
      }
    }
  }
  const meta::ObjectDef* person = ctx.registry.FindObject("person");
  const bj::value* fields = after.if_contains("fields");
  if (person == nullptr || fields == nullptr || !fields->is_array()) return {};
  for (const bj::value& name : fields->get_array()) {
    const meta::FieldDef* f = name.is_string() ? person->FindField(name.get_string()) : nullptr;
    if (f == nullptr || !Fillable(*f)) {
      return BadField("fields", fmt::format("names {}, which is not a person field a visitor may fill",
                                            name.is_string() ? std::string(name.get_string()) : bj::serialize(name)));
    }
  }
  return {};
}

}  // namespace

void AddWebFormHooks(HookRegistry& hooks) { hooks.Add("web_form", BeforeWriteHook(CheckWebForm)); }

Result<FormResult> SubmitWebForm(RecordService& records, RateLimiter& limiter, const FormSubmission& submission,
                                 Micros now) {
  auto registry = records.registry().Get();
  const meta::ObjectDef* forms = registry->FindObject("web_form");
  const meta::ObjectDef* people = registry->FindObject("person");
  if (forms == nullptr || people == nullptr) return Error{ErrorCode::kInternal, "no web_form or person object", {}};
  Error no_form{ErrorCode::kNotFound, fmt::format("there is no web form '{}'", submission.key.substr(0, 64)), {}};
  Caller system = Caller::System();
  system.ip = submission.ip;
  system.request_id = submission.request_id;

  auto found = store::ReadValue(records.db(), [&](store::Connection& conn) {
    return FindIdByValue(conn, *forms, *forms->FindField("key"), submission.key, false);
  });
  if (!found.ok()) return std::move(found).error();
  if (!*found) return no_form;
  auto form = records.Find(system, "web_form", **found, false);
  if (!form.ok()) return std::move(form).error();
  if (!form->has_value() || !(**form).at("active").as_bool()) return no_form;
  const bj::object& f = **form;
  FormResult result;
  if (const bj::value* redirect = f.if_contains("redirect_url"); redirect != nullptr && redirect->is_string()) {
    result.redirect_url = redirect->get_string();
  }

  const bj::value* rate = f.if_contains("max_posts_per_minute");
  int retry_after = 0;
  const int per_minute = rate != nullptr && rate->is_int64() ? static_cast<int>(rate->get_int64()) : 10;
  if (!limiter.Allow(submission.key + '\n' + submission.ip, per_minute, now, retry_after)) {
    Error limited{ErrorCode::kResourceExhausted,
                  fmt::format("too many posts to this form from your address; try again in {} s", retry_after), {}};
    limited.retry_after = retry_after;
    return limited;
  }
  if (const bj::value* trap = submission.values.if_contains(kHoneypotField); trap != nullptr && !Blank(*trap)) {
    result.spam = true;
    return result;
  }

  // What the form lets in: its fields and the email; the rest is ignored.
  std::set<std::string, std::less<>> allowed{"email"};
  if (const bj::value* names = f.if_contains("fields"); names != nullptr && names->is_array()) {
    for (const bj::value& n : names->get_array()) {
      if (n.is_string()) allowed.emplace(n.get_string());
    }
  }
  bj::object values;
  std::string message;
  for (const auto& kv : submission.values) {
    if (kv.key() == kMessageField) {
      if (!kv.value().is_string()) return BadField("message", "must be text");
      message = kv.value().get_string();
      if (message.size() > kMaxMessage) return BadField("message", fmt::format("must be at most {} bytes", kMaxMessage));
      continue;
    }
    const meta::FieldDef* field = people->FindField(kv.key());
    if (!allowed.contains(kv.key()) || field == nullptr || !Fillable(*field) || Blank(kv.value())) continue;
    auto value = Coerce(*field, kv.value());
    if (!value.ok()) return std::move(value).error();
    values[kv.key()] = std::move(*value);
  }
  const bj::value* email = values.if_contains("email");
  if (email == nullptr || !email->is_string()) return BadField("email", "is required");

  const std::string form_name(f.at("name").as_string());
  Status written = records.WriteBatch(system, [&](BatchWriter& w) -> Status {
    auto existing = FindIdByValue(w.conn(), *people, *people->FindField("email"), email->get_string(), true);
    if (!existing.ok()) return std::move(existing).error();
    std::int64_t person = 0;
    if (*existing) {
      person = **existing;
      bj::object patch = values;
      patch.erase("email");
      if (!patch.empty()) {
        auto problems = w.ValidatePatch(*people, patch);
        if (!problems.empty()) return Error{ErrorCode::kInvalidArgument, problems[0].field + " " + problems[0].problem, problems};
        auto updated = w.Update(*people, person, std::move(patch));
        if (!updated.ok()) return std::move(updated).error();
      }
    } else {
      bj::object lead = values;
      lead["lifecycle_stage"] = "lead";
      lead["source"] = f.at("source");
      lead["owner"] = f.at("lead_owner");
      auto problems = w.ValidateCreate(*people, lead);
      if (!problems.empty()) return Error{ErrorCode::kInvalidArgument, problems[0].field + " " + problems[0].problem, problems};
      auto created = w.Create(*people, std::move(lead));
      if (!created.ok()) return std::move(created).error();
      person = created->at("id").as_int64();
    }
    bj::object interaction{{"channel", "web"},
                           {"direction", "inbound"},
                           {"occurred_at", FormatTimestamp(now)},
                           {"participants", bj::array{person}},
                           {"subject", fmt::format("Web form: {}", form_name)},
                           {"summary", message.empty() ? bj::value(nullptr) : bj::value(message)}};
    const meta::ObjectDef& interactions = *w.registry().FindObject("interaction");
    auto problems = w.ValidateCreate(interactions, interaction);
    if (!problems.empty()) return Error{ErrorCode::kInvalidArgument, problems[0].field + " " + problems[0].problem, problems};
    auto logged = w.Create(interactions, std::move(interaction));
    if (!logged.ok()) return std::move(logged).error();
    AuditEntry entry = AuditOf(system, "web_form.submitted", w.now());
    entry.object = "person";
    entry.record = person;
    entry.detail = bj::object{{"form", submission.key}, {"created", !*existing}};
    return AppendAudit(w.conn(), entry);
  });
  if (!written.ok()) return std::move(written).error();
  return result;
}

}  // namespace rapport::domain
