#include "domain/import/importer.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "common/utf8.h"
#include "domain/audit/audit_log.h"
#include "domain/import/record_keys.h"
#include "domain/vcard/person_vcard.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using meta::FieldType;

// Link targets found or created by title, remembered across batches (after they commit) so that
// a million people of a few thousand organizations look each one up once. Bounded: cleared when full.
constexpr std::size_t kMaxCachedTitles = 50000;
// After this many rows of one batch failed in the database (not in validation), the batch's other
// rows are written one per transaction instead of re-running the batch without each failed row.
constexpr int kMaxBatchReruns = 8;

std::string_view TrimCell(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> SplitList(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const std::size_t cut = s.find_first_of(";,|\n");
    std::string_view item = TrimCell(s.substr(0, cut));
    if (!item.empty()) out.push_back(item);
    if (cut == std::string_view::npos) break;
    s.remove_prefix(cut + 1);
  }
  return out;
}

std::optional<std::int64_t> ParseInt(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<double> ParseNumber(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::optional<bool> ParseBool(std::string_view s) {
  const std::string v = AsciiLower(s);
  for (std::string_view t : {"true", "yes", "y", "1", "x", "on", "t"}) {
    if (v == t) return true;
  }
  for (std::string_view f : {"false", "no", "n", "0", "off", "f"}) {
    if (v == f) return false;
  }
  return std::nullopt;
}

// The option a cell names: itself, else the option equal to it without regard to case, spaces and
// punctuation ("Net 30" → net_30). Unmatched cells go on as they are, for validation to refuse.
bj::value OptionValue(const meta::FieldDef& f, std::string_view cell) {
  for (const std::string& option : f.options) {
    if (option == cell) return bj::value(option);
  }
  const std::string key = HeaderKey(cell);
  for (const std::string& option : f.options) {
    if (HeaderKey(option) == key) return bj::value(option);
  }
  return bj::value(cell);
}

bool IsCurrencyCode(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// "12.50 EUR" or "EUR 12.50" → {"micros": 12500000, "currency": "EUR"}; else the text as it is.
bj::value MoneyValue(std::string_view cell) {
  const std::size_t space = cell.find(' ');
  if (space != std::string_view::npos) {
    std::string_view a = TrimCell(cell.substr(0, space));
    std::string_view b = TrimCell(cell.substr(space + 1));
    if (IsCurrencyCode(a)) std::swap(a, b);
    auto amount = ParseNumber(a);
    if (amount && IsCurrencyCode(b) && std::fabs(*amount) < 9e12) {
      return bj::object{{"micros", static_cast<std::int64_t>(std::llround(*amount * 1e6))}, {"currency", b}};
    }
  }
  return bj::value(cell);
}

// A scalar cell as the JSON value of a field of that type; text that does not convert goes on as
// text, so that validation reports it with the API's message.
bj::value ScalarValue(const meta::FieldDef& f, std::string_view cell) {
  switch (f.type) {
    case FieldType::kInt:
    case FieldType::kLink:
    case FieldType::kLinkMany:
      if (auto v = ParseInt(cell)) return bj::value(*v);
      break;
    case FieldType::kDecimal:
      if (auto v = ParseNumber(cell)) return bj::value(*v);
      break;
    case FieldType::kBool:
      if (auto v = ParseBool(cell)) return bj::value(*v);
      break;
    case FieldType::kEnum:
    case FieldType::kMultiEnum:
      return OptionValue(f, cell);
    case FieldType::kCurrency:
      return MoneyValue(cell);
    case FieldType::kDatetime:
      // A date alone ("2026-10-01", as shops export order dates) is that day's midnight UTC.
      if (cell.size() == 10 && cell[4] == '-' && cell[7] == '-') return bj::value(std::string(cell) + "T00:00:00Z");
      break;
    default:
      break;
  }
  return bj::value(cell);
}

bool IsList(const meta::FieldDef& f) {
  return f.multiple || f.type == FieldType::kLinkMany || f.type == FieldType::kMultiEnum;
}

// The one text field that names records of `target` (an organization's name), if it has one.
const meta::FieldDef* TitleField(const meta::ObjectDef& target) {
  if (target.title.size() != 1) return nullptr;
  const meta::FieldDef* f = target.FindField(target.title[0]);
  if (f == nullptr || !f->active || f->type != FieldType::kText) return nullptr;
  return f;
}

// The fields by which a cell may name a record of `target` that a link points at, tried in order:
// the email (a cell with '@', when the target has one: a person), the one-field title (an
// organization's name, an order's number), then each unique text field (a product's SKU).
std::vector<const meta::FieldDef*> NamingFields(const meta::ObjectDef& target, std::string_view cell) {
  std::vector<const meta::FieldDef*> out;
  const meta::FieldDef* email = target.FindField("email");
  if (cell.find('@') != std::string_view::npos && email != nullptr && email->active && email->type == FieldType::kEmail) {
    out.push_back(email);
  }
  if (const meta::FieldDef* title = TitleField(target)) out.push_back(title);
  for (const meta::FieldDef& f : target.fields) {
    if (f.active && f.unique && f.type == FieldType::kText && !f.multiple &&
        std::find(out.begin(), out.end(), &f) == out.end()) {
      out.push_back(&f);
    }
  }
  return out;
}

// Where a header of invalid UTF-8 is shown (reports are UTF-8): its bad bytes become '?'.
std::string ShownHeader(std::string header, std::size_t column) {
  if (header.empty()) return fmt::format("column {}", column + 1);
  if (IsValidUtf8(header)) return header;
  for (char& c : header) {
    if (static_cast<unsigned char>(c) >= 0x80) c = '?';
  }
  return header;
}

bool IsRowError(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kConflict:
    case ErrorCode::kNotFound:
    case ErrorCode::kMethodNotAllowed:
    case ErrorCode::kStaleVersion:
      return true;
    default:
      return false;
  }
}

enum class Action { kPending, kCreated, kUpdated, kUnchanged, kFailed };

struct Pending {
  std::int64_t row = 0;
  bj::object values;
  std::vector<std::pair<std::string, std::string>> links;  // field, the title of its target
  // Records that belong to this one (a vCard's addresses): object, values without the link back,
  // the link field. Created after it unless an equal one is there already.
  std::vector<std::tuple<std::string, bj::object, std::string>> children;
  std::vector<RowProblem> problems;
  Action action = Action::kPending;
};

struct Key {
  const meta::FieldDef* field;
  bool ignore_case;
};

// What one run of a batch's transaction found or created; kept only when it commits.
struct BatchState {
  std::unordered_map<std::string, std::int64_t> titles;  // "<object>\n<lower title>" → id
  std::map<std::string, std::int64_t> created;           // linked records created, per object
  std::vector<std::string> created_titles;
};

class Importer {
 public:
  Importer(RecordService& service, const meta::ObjectDef& object, const ImportOptions& options,
           ImportSummary& summary)
      : service_(service), object_(object), options_(options), summary_(summary) {
    const meta::FieldDef* external = object.FindField("external_id");
    if (external != nullptr && external->active) keys_.push_back({external, false});
    if (object.name == "person") {
      const meta::FieldDef* email = object.FindField("email");
      if (email != nullptr && email->active) keys_.push_back({email, true});
    } else if (const meta::FieldDef* title = TitleField(object)) {
      keys_.push_back({title, true});
    }
  }

  // The values of a data row, or its problems.
  Pending Convert(const CsvRow& row, const meta::Registry& registry) {
    Pending p;
    p.row = row.number;
    const ColumnMapping& m = summary_.mapping;
    if (!row.error.empty()) {
      p.problems.push_back({row.number, "", row.error});
    } else if (row.cells.size() > m.headers.size()) {
      p.problems.push_back({row.number, "",
                            fmt::format("has {} cells; the header has {} (a delimiter in an unquoted cell?)",
                                        row.cells.size(), m.headers.size())});
    }
    if (!p.problems.empty()) {
      p.action = Action::kFailed;
      return p;
    }
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      if (m.fields[i].empty()) continue;
      const std::string_view cell = TrimCell(row.cells[i]);
      if (cell.empty()) continue;
      const meta::FieldDef& f = *object_.FindField(m.fields[i]);
      if (!IsValidUtf8(cell)) {
        p.problems.push_back({row.number, f.name, fmt::format("is not valid UTF-8 (column '{}')", m.headers[i])});
        continue;
      }
      if (IsList(f)) {
        bj::value& list = p.values[f.name];
        if (!list.is_array()) list = bj::array();
        for (std::string_view item : SplitList(cell)) {
          list.get_array().push_back(f.type == FieldType::kLinkMany && !f.by.empty() ? bj::value(item)
                                                                                      : ScalarValue(f, item));
        }
        continue;
      }
      if (f.type == FieldType::kLink && !ParseInt(cell)) {
        const meta::ObjectDef* target = registry.FindObject(f.target);
        if (target != nullptr && !NamingFields(*target, cell).empty()) {
          p.links.emplace_back(f.name, std::string(cell));
          continue;
        }
      }
      p.values[f.name] = ScalarValue(f, cell);
    }
    if (p.problems.empty() && p.values.empty() && p.links.empty()) {
      p.problems.push_back({row.number, "", "has no values in the mapped columns"});
    }
    if (!p.problems.empty()) p.action = Action::kFailed;
    return p;
  }

  // The values of a card (its first line is its "row"), or its problems.
  Pending Convert(const vcard::Card& card, std::int64_t line) {
    Pending p;
    p.row = line;
    VCardPerson person = PersonFromVCard(card);
    p.values = std::move(person.person);
    // Our own export's UID names our id, not another system's.
    if (!person.uid.empty() && !person.uid.starts_with("urn:rapport:") && object_.FindField("external_id") != nullptr) {
      p.values["external_id"] = person.uid;
    }
    if (!person.organization.empty()) p.links.emplace_back("organization", std::move(person.organization));
    for (bj::object& address : person.addresses) p.children.emplace_back("address", std::move(address), "person");
    if (p.values.empty() && p.links.empty()) p.problems.push_back({line, "", "has no name, email or phone"});
    if (!p.problems.empty()) p.action = Action::kFailed;
    return p;
  }

  // Writes the rows of one batch (those not failed already) and counts and reports them all.
  Status Flush(std::vector<Pending>& batch) {
    std::vector<Pending*> todo;
    for (Pending& p : batch) {
      if (p.action == Action::kPending) todo.push_back(&p);
    }
    if (!todo.empty()) RAPPORT_RETURN_IF_ERROR(Write(todo));
    for (Pending& p : batch) {
      switch (p.action) {
        case Action::kCreated: ++summary_.created; break;
        case Action::kUpdated: ++summary_.updated; break;
        case Action::kUnchanged: ++summary_.unchanged; break;
        default: ++summary_.failed; break;
      }
      for (const RowProblem& problem : p.problems) {
        ++summary_.problems;
        if (options_.on_problem) options_.on_problem(problem);
      }
    }
    return {};
  }

 private:
  // Runs `rows` in one transaction. A row whose write fails is reported and the rest run again
  // without it; past kMaxBatchReruns such rows, the rest run one per transaction.
  Status Write(std::vector<Pending*> rows) {
    for (int reruns = 0;; ++reruns) {
      if (reruns > kMaxBatchReruns && rows.size() > 1) {
        for (Pending* p : rows) RAPPORT_RETURN_IF_ERROR(Write({p}));
        return {};
      }
      BatchState state;
      Pending* failed = nullptr;
      bool rolled_back_for_dry_run = false;
      Status status = service_.WriteBatch(options_.caller, [&](BatchWriter& w) -> Status {
        state = BatchState{};
        failed = nullptr;
        rolled_back_for_dry_run = false;
        for (Pending* p : rows) {
          p->action = Action::kPending;
          p->problems.clear();
        }
        for (Pending* p : rows) {
          Status s = Upsert(w, *p, state);
          if (!s.ok()) {
            failed = p;
            return s;
          }
        }
        if (options_.dry_run) {
          rolled_back_for_dry_run = true;
          return Error{ErrorCode::kFailedPrecondition, "a dry run writes nothing", {}};
        }
        return {};
      });
      if (status.ok() || rolled_back_for_dry_run) {
        Keep(state);
        return {};
      }
      if (failed == nullptr || !IsRowError(status.error().code)) return status;
      failed->action = Action::kFailed;
      failed->problems.clear();
      const Error& error = status.error();
      if (error.fields.empty()) failed->problems.push_back({failed->row, "", error.message});
      for (const FieldError& fe : error.fields) failed->problems.push_back({failed->row, fe.field, fe.problem});
      rows.erase(std::find(rows.begin(), rows.end(), failed));
      if (rows.empty()) return {};
    }
  }

  // What a committed (or dry-run) batch found and created.
  void Keep(BatchState& state) {
    for (const auto& [object, n] : state.created) {
      if (!options_.dry_run) summary_.linked_created[object] += n;
    }
    if (options_.dry_run) {
      // Each dry-run batch rolls back, so the next creates the same records again: count them once.
      for (std::string& title : state.created_titles) {
        if (dry_created_.size() < kMaxCachedTitles && dry_created_.insert(title).second) {
          summary_.linked_created[title.substr(0, title.find('\n'))] += 1;
        }
      }
      return;
    }
    if (titles_.size() + state.titles.size() > kMaxCachedTitles) titles_.clear();
    titles_.insert(state.titles.begin(), state.titles.end());
  }

  // Upserts one row. Problems of the row go into p.problems (the batch goes on); an error ends the
  // batch's transaction.
  Status Upsert(BatchWriter& w, Pending& p, BatchState& state) {
    bj::object values = p.values;
    // Links named by title are checked as ids until the row is known to be valid: only a valid row
    // may create the organization it names.
    for (const auto& [field, title] : p.links) values[field] = 1;
    std::optional<bj::object> existing;
    if (!object_.upsert_by.empty()) {
      // Named by several fields (an order line by its order and product): the links among them are
      // looked up first, then the record that has them all.
      bj::object named;
      for (const std::string& name : object_.upsert_by) {
        for (const auto& [field, title] : p.links) {
          if (field != name) continue;
          auto id = Link(w, *object_.FindField(field), title, state);
          if (!id.ok()) return std::move(id).error();
          if (!id->problem.empty()) {
            p.action = Action::kFailed;
            p.problems.push_back({p.row, field, std::move(id->problem)});
            return {};
          }
          values[field] = id->id;
        }
        const bj::value* v = values.if_contains(name);
        if (v == nullptr || v->is_null()) {
          named.clear();
          break;
        }
        named[name] = *v;
      }
      if (!named.empty()) {
        auto id = FindIdWith(w.conn(), object_, named);
        if (!id.ok()) return std::move(id).error();
        if (*id) {
          auto record = w.FindForUpdate(object_, **id);
          if (!record.ok()) return std::move(record).error();
          if (record->has_value()) existing = std::move(**record);
        }
      }
    }
    // The key that named a record the caller may not see: unless another key finds one they may,
    // the row is reported, neither written over that record nor made into its duplicate.
    const meta::FieldDef* hidden = nullptr;
    for (const Key& key : keys_) {
      const bj::value* v = values.if_contains(key.field->name);
      if (v == nullptr || !v->is_string()) continue;
      auto id = FindIdByValue(w.conn(), object_, *key.field, v->get_string(), key.ignore_case);
      if (!id.ok()) return std::move(id).error();
      if (!*id) continue;
      auto record = w.FindForUpdate(object_, **id);
      if (!record.ok()) return std::move(record).error();
      if (!record->has_value()) {
        if (hidden == nullptr) hidden = key.field;
        continue;
      }
      if (key.field->name != "external_id" && OtherExternalId(**record, values)) continue;
      existing = std::move(**record);
      break;
    }
    if (!existing && hidden != nullptr) {
      p.action = Action::kFailed;
      p.problems.push_back({p.row, hidden->name, "is taken by a record you may not see"});
      return {};
    }
    if (existing) {
      // The key that matched without regard to case keeps its stored spelling.
      for (const Key& key : keys_) {
        const bj::value* mine = values.if_contains(key.field->name);
        const bj::value* stored = existing->if_contains(key.field->name);
        if (key.ignore_case && mine != nullptr && mine->is_string() && stored != nullptr && stored->is_string() &&
            AsciiLower(mine->get_string()) == AsciiLower(stored->get_string())) {
          values.erase(key.field->name);
        }
      }
    }
    std::vector<FieldError> problems = existing ? w.ValidatePatch(object_, values) : w.ValidateCreate(object_, values);
    if (!problems.empty()) {
      p.action = Action::kFailed;
      for (FieldError& fe : problems) p.problems.push_back({p.row, std::move(fe.field), std::move(fe.problem)});
      return {};
    }
    for (const auto& [field, title] : p.links) {
      auto id = Link(w, *object_.FindField(field), title, state);
      if (!id.ok()) return std::move(id).error();
      if (!id->problem.empty()) {
        p.action = Action::kFailed;
        p.problems.push_back({p.row, field, std::move(id->problem)});
        return {};
      }
      values[field] = id->id;
    }
    std::int64_t id = 0;
    if (existing) {
      id = existing->at("id").as_int64();
      const std::int64_t version = existing->at("version").as_int64();
      auto updated = w.Update(object_, id, std::move(values));
      if (!updated.ok()) return std::move(updated).error();
      p.action = updated->at("version").as_int64() == version ? Action::kUnchanged : Action::kUpdated;
    } else {
      auto created = w.Create(object_, std::move(values));
      if (!created.ok()) return std::move(created).error();
      id = created->at("id").as_int64();
      p.action = Action::kCreated;
    }
    return AddChildren(w, p, id);
  }

  // Creates the row's child records that the parent does not have yet; a child that does not
  // validate fails the row (the batch runs again without it).
  Status AddChildren(BatchWriter& w, Pending& p, std::int64_t parent) {
    for (auto& [object_name, child_values, link] : p.children) {
      const meta::ObjectDef* child = w.registry().FindObject(object_name);
      if (child == nullptr) continue;
      bj::object values = child_values;
      values[link] = parent;
      std::vector<FieldError> problems = w.ValidateCreate(*child, values);
      if (!problems.empty()) {
        return Error{ErrorCode::kInvalidArgument, fmt::format("{} {}", object_name, problems[0].problem),
                     {{fmt::format("{}.{}", object_name, problems[0].field), problems[0].problem}}};
      }
      // The same address again (a re-import) is not added twice: compare the fields the card gave.
      bj::object same;
      for (const meta::FieldDef& f : child->fields) {
        if (f.type == FieldType::kText || f.type == FieldType::kEnum || f.name == link) {
          const bj::value* v = values.if_contains(f.name);
          same[f.name] = v != nullptr ? *v : bj::value(nullptr);
        }
      }
      auto there = FindIdWith(w.conn(), *child, same);
      if (!there.ok()) return std::move(there).error();
      if (*there) continue;
      auto created = w.Create(*child, std::move(values));
      if (!created.ok()) return std::move(created).error();
      if (p.action == Action::kUnchanged) p.action = Action::kUpdated;
    }
    return {};
  }

  // Whether `record` carries an external_id other than the row's: then it is another record.
  static bool OtherExternalId(const bj::object& record, const bj::object& values) {
    const bj::value* mine = values.if_contains("external_id");
    const bj::value* theirs = record.if_contains("external_id");
    return mine != nullptr && mine->is_string() && theirs != nullptr && theirs->is_string() && *mine != *theirs;
  }

  struct Linked {
    std::int64_t id = 0;
    std::string problem;  // the target cannot be created: the row fails with this
  };

  // The id of the record of the link's target that `title` names (NamingFields), created from its
  // email or title when there is none.
  Result<Linked> Link(BatchWriter& w, const meta::FieldDef& link, const std::string& title, BatchState& state) {
    const meta::ObjectDef& target = *w.registry().FindObject(link.target);
    const std::vector<const meta::FieldDef*> naming = NamingFields(target, title);
    std::string key = target.name + "\n" + AsciiLower(title);
    if (auto it = titles_.find(key); it != titles_.end()) return Linked{it->second, {}};
    if (auto it = state.titles.find(key); it != state.titles.end()) return Linked{it->second, {}};
    for (const meta::FieldDef* by : naming) {
      // An email or a title matches without regard to case (by their lower() indexes); a unique
      // code such as a SKU or an external id is exact, by its plain index.
      const bool ignore_case = by->type == FieldType::kEmail || by == TitleField(target);
      auto found = FindIdByValue(w.conn(), target, *by, title, ignore_case);
      if (!found.ok()) return std::move(found).error();
      if (*found) {
        state.titles.emplace(std::move(key), **found);
        return Linked{**found, {}};
      }
    }
    const meta::FieldDef* makes = naming.front()->type == FieldType::kEmail ? naming.front() : TitleField(target);
    if (makes == nullptr) {
      return Linked{0, fmt::format("names no {} ('{}')", target.name, title.substr(0, 100))};
    }
    bj::object values{{makes->name, title}};
    std::vector<FieldError> problems = w.ValidateCreate(target, values);
    if (!problems.empty()) {
      return Linked{0, fmt::format("'{}' cannot become a new {}: {} {}", title.substr(0, 100), target.name,
                                   problems[0].field, problems[0].problem)};
    }
    auto created = w.Create(target, std::move(values));
    if (!created.ok()) return std::move(created).error();
    const std::int64_t id = created->at("id").as_int64();
    ++state.created[target.name];
    state.created_titles.push_back(key);
    state.titles.emplace(std::move(key), id);
    return Linked{id, {}};
  }

  RecordService& service_;
  const meta::ObjectDef& object_;
  const ImportOptions& options_;
  ImportSummary& summary_;
  std::vector<Key> keys_;
  std::unordered_map<std::string, std::int64_t> titles_;  // committed: "<object>\n<lower title>" → id
  std::set<std::string> dry_created_;
};

Error FileError(std::string problem) {
  return Error{ErrorCode::kInvalidArgument, "the file " + problem, {{"file", std::move(problem)}}};
}

// One audit entry per import (not per row: the outbox has an event per record): who imported
// how many records of which object. A dry run writes nothing.
Result<ImportSummary> Audited(RecordService& service, const ImportOptions& options, ImportSummary summary) {
  if (summary.dry_run) return summary;
  Status audited = service.WriteBatch(options.caller, [&](BatchWriter& w) -> Status {
    AuditEntry entry = AuditOf(options.caller, summary.object + ".imported", w.now());
    entry.object = summary.object;
    entry.detail = boost::json::object{{"rows", summary.rows},       {"created", summary.created},
                                       {"updated", summary.updated}, {"unchanged", summary.unchanged},
                                       {"failed", summary.failed}};
    return AppendAudit(w.conn(), entry);
  });
  if (!audited.ok()) return std::move(audited).error();
  return summary;
}

}  // namespace

Result<ImportSummary> ImportCsv(RecordService& service, std::string_view object_name, CsvReader& reader,
                                const ImportOptions& options) {
  auto registry = service.registry().Get();
  const meta::ObjectDef* object = registry->FindObject(object_name);
  if (object == nullptr) {
    return Error{ErrorCode::kNotFound, fmt::format("no object named '{}'", object_name.substr(0, 64)), {}};
  }
  if (!object->writable) {
    return Error{ErrorCode::kMethodNotAllowed, fmt::format("{} records are written by the system only", object->name),
                 {}};
  }
  ImportSummary summary;
  summary.object = object->name;
  summary.dry_run = options.dry_run;
  CsvRow header;
  if (!reader.Next(header)) return FileError("is empty: the first row must name the columns");
  if (!header.error.empty()) return FileError("has a malformed header row: " + header.error);
  summary.delimiter = reader.delimiter();
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    header.cells[i] = ShownHeader(std::string(TrimCell(header.cells[i])), i);
  }
  auto mapping = MapColumns(*object, header.cells, options.mapping);
  if (!mapping.ok()) return std::move(mapping).error();
  summary.mapping = std::move(*mapping);
  if (std::all_of(summary.mapping.fields.begin(), summary.mapping.fields.end(),
                  [](const std::string& f) { return f.empty(); })) {
    std::string problem = fmt::format("no column maps to a field of {}; give a mapping such as --map \"{}=first_name\"",
                                      object->name, summary.mapping.headers.empty() ? "Name" : summary.mapping.headers[0]);
    return Error{ErrorCode::kInvalidArgument, problem, {{"map", problem}}};
  }
  if (options.on_mapping) options.on_mapping(summary.mapping);

  Importer importer(service, *object, options, summary);
  std::vector<Pending> batch;
  const std::size_t batch_rows = std::max<std::size_t>(1, options.batch_rows);
  batch.reserve(batch_rows);
  CsvRow row;
  for (;;) {
    const bool more = reader.Next(row);
    if (more) {
      ++summary.rows;
      batch.push_back(importer.Convert(row, *registry));
    }
    if (batch.size() >= batch_rows || (!more && !batch.empty())) {
      RAPPORT_RETURN_IF_ERROR(importer.Flush(batch));
      batch.clear();
      if (options.on_progress) {
        options.on_progress(ImportProgress{summary.rows, summary.created, summary.updated, summary.failed,
                                           reader.bytes_read()});
      }
    }
    if (!more) break;
  }
  return Audited(service, options, std::move(summary));
}

Result<ImportSummary> ImportVCards(RecordService& service, std::istream& in, const ImportOptions& options,
                                   const std::function<std::uint64_t()>& bytes_read) {
  auto registry = service.registry().Get();
  const meta::ObjectDef* object = registry->FindObject("person");
  if (object == nullptr) return Error{ErrorCode::kNotFound, "no object named 'person'", {}};
  ImportSummary summary;
  summary.object = object->name;
  summary.dry_run = options.dry_run;
  Importer importer(service, *object, options, summary);
  vcard::Reader reader(in);
  std::vector<Pending> batch;
  const std::size_t batch_rows = std::max<std::size_t>(1, options.batch_rows);
  for (;;) {
    auto card = reader.Next();
    const bool more = !card.ok() || card->has_value();
    if (!card.ok()) {
      ++summary.rows;
      Pending failed;
      failed.row = static_cast<std::int64_t>(reader.card_line());
      failed.action = Action::kFailed;
      failed.problems.push_back({failed.row, "", card.error().message});
      batch.push_back(std::move(failed));
    } else if (more) {
      ++summary.rows;
      batch.push_back(importer.Convert(**card, static_cast<std::int64_t>(reader.card_line())));
    }
    if (batch.size() >= batch_rows || (!more && !batch.empty())) {
      RAPPORT_RETURN_IF_ERROR(importer.Flush(batch));
      batch.clear();
      if (options.on_progress) {
        options.on_progress(ImportProgress{summary.rows, summary.created, summary.updated, summary.failed,
                                           bytes_read ? bytes_read() : 0});
      }
    }
    if (!more) break;
  }
  if (summary.rows == 0) return FileError("holds no vCard (BEGIN:VCARD ... END:VCARD)");
  return Audited(service, options, std::move(summary));
}

}  // namespace rapport::domain
