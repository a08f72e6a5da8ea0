#include "domain/demo/demo_data.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <random>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/sales/cross_sell.h"
#include "domain/sales/sales_service.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;

constexpr std::array kFirstNames = {
    "Anna",   "Lukas", "Sofia",  "Mehmet", "Zoë",    "Jürgen", "Chloé", "Giulia", "Thomas", "Aisha",  "Mateo",
    "Hannah", "Oliver", "Elif",  "Piotr",  "Ingrid", "Kenji",  "Marta", "Noah",   "Léa",    "Sven",   "Priya",
    "Jonas",  "Emma",  "Carlos", "Fatima", "Henrik", "Yuki",   "Grace", "Ahmed",  "Nina",   "Rafael", "Maja"};
constexpr std::array kLastNames = {
    "Müller",  "Schmidt", "García", "Rossi",  "Nowak",  "Dubois",    "Yılmaz", "Jansen", "Kowalski", "Fischer",
    "O'Brien", "Lindqvist", "Papadopoulos", "Weiß", "Novak", "Tanaka", "Silva", "Hoffmann", "Andersen", "Martin",
    "Becker",  "Costa",   "Nielsen", "Khan",   "Laurent", "Schneider", "Ivanova", "Moreau", "Horvat", "Patel"};
constexpr std::array kOrgWords = {"Nordlicht", "Blue Harbor", "Alpenglow", "Kestrel", "Silverline", "Oakridge",
                                  "Lumen",     "Tidewater",   "Granite",   "Meridian", "Corvid",     "Helix",
                                  "Sundial",   "Brightwater", "Ironbark",  "Juniper",  "Northwind",  "Quarry",
                                  "Redwood",   "Saffron",     "Tessera",   "Umbra",    "Vanta",      "Wildflower"};
constexpr std::array kOrgTrades = {"Logistics", "Pharma",   "Foods",    "Software", "Textiles", "Energy", "Robotics",
                                   "Optics",    "Furniture", "Coffee", "Print",    "Dental",   "Bikes",  "Solar"};
constexpr std::array kLegalForms = {"GmbH", "AG", "Ltd", "Inc.", "S.L.", "S.r.l.", "B.V.", "SAS", "Sp. z o.o.", "AB"};
constexpr std::array kCities = {"Berlin", "Hamburg", "Munich", "Vienna", "Zurich", "Paris", "Madrid", "Milan",
                                "Amsterdam", "Warsaw", "Stockholm", "Copenhagen", "London", "Dublin", "Lisbon"};
constexpr std::array kCountries = {"DE", "DE", "DE", "AT", "CH", "FR", "ES", "IT", "NL", "PL", "SE", "DK", "GB", "IE", "PT"};
constexpr std::array kStreets = {"Hauptstraße", "Rue de Rivoli", "Calle Mayor", "Via Roma", "Keizersgracht",
                                 "High Street", "Ulica Długa", "Drottninggatan", "Strøget", "Rua Augusta"};
constexpr std::array kTags = {"vip", "newsletter", "churn-risk", "reference", "event-2026", "partner-program"};
constexpr std::array kSubjects = {
    "Kick-off",         "Quarterly review",      "Pricing question",  "Renewal talk",      "Invoice query",
    "Product demo",     "Support follow-up",     "Thank you for the order", "Delivery date", "Feedback on the trial",
    "Contract terms",   "Intro to the new team", "Complaint about a late shipment", "Upsell: premium plan",
    "Event invitation", "Referral thanks"};
constexpr std::array kOutcomes = {"went well", "needs a follow-up", "sent the quote", "waiting for budget",
                                  "escalated to support", "signed", "no decision yet"};
constexpr std::array kDealTitles = {"Annual licence", "Support renewal", "Pilot project", "Hardware refresh",
                                    "Training package", "Rollout phase 2", "Maintenance contract", "Consulting days"};
constexpr std::array<std::pair<const char*, std::int64_t>, 6> kProducts = {{{"Starter kit", 49},
                                                                          {"Refill pack", 19},
                                                                          {"Premium subscription (year)", 240},
                                                                          {"Gift card", 50},
                                                                          {"Accessory bundle", 35},
                                                                          {"Extended warranty", 79}}};
constexpr std::array kNotes = {
    "Prefers email before 10 am.", "Decision maker is the CFO; loop her in early.", "Allergic to nuts: no food gifts.",
    "Asked for the German contract version.", "Very happy with the support team.", "Budget frees up in January.",
    "Met at the trade fair in Hanover.", "Wants a call before every renewal."};

constexpr std::int64_t kDay = 86'400'000'000;

class Filler {
 public:
  Filler(RecordService& records, const Clock& clock, const DemoOptions& options)
      : records_(records), now_(clock.Now()), random_(options.seed), options_(options) {}

  template <typename T, std::size_t N>
  const T& Pick(const std::array<T, N>& a) { return a[Uniform(0, N - 1)]; }
  std::int64_t Uniform(std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(random_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(random_); }
  const std::string& Option(const meta::ObjectDef& o, std::string_view field) {
    const meta::FieldDef* f = o.FindField(field);
    return f->options[Uniform(0, static_cast<std::int64_t>(f->options.size()) - 1)];
  }
  std::string Time(std::int64_t micros) { return FormatTimestamp(micros); }
  std::string Date(std::int64_t micros) { return FormatTimestamp(micros).substr(0, 10); }

  // Creates a record in `w`; a demo record that does not validate is a bug of the demo.
  Result<std::int64_t> Create(BatchWriter& w, std::string_view object, bj::object values) {
    const meta::ObjectDef& def = *w.registry().FindObject(object);
    auto problems = w.ValidateCreate(def, values);
    if (!problems.empty()) {
      return Error{ErrorCode::kInternal,
                   fmt::format("demo {} {}: {} {}", object, bj::serialize(values), problems[0].field, problems[0].problem), {}};
    }
    auto created = w.Create(def, std::move(values));
    if (!created.ok()) return std::move(created).error();
    ++written_;
    return created->at("id").as_int64();
  }

  Status Update(BatchWriter& w, std::string_view object, std::int64_t id, bj::object patch) {
    const meta::ObjectDef& def = *w.registry().FindObject(object);
    auto problems = w.ValidatePatch(def, patch);
    if (!problems.empty()) {
      return Error{ErrorCode::kInternal, fmt::format("demo {} patch: {} {}", object, problems[0].field, problems[0].problem), {}};
    }
    auto updated = w.Update(def, id, std::move(patch));
    if (!updated.ok()) return std::move(updated).error();
    ++written_;
    return {};
  }

  Result<DemoSummary> Run() {
    DemoSummary summary;
    RAPPORT_RETURN_IF_ERROR(SalesTeams());
    auto registry = records_.registry().Get();
    const meta::ObjectDef& org_def = *registry->FindObject("organization");
    const meta::ObjectDef& person_def = *registry->FindObject("person");
    const meta::ObjectDef& interaction_def = *registry->FindObject("interaction");
    // Organizations, a batch of 100 a transaction.
    std::vector<std::int64_t> orgs;
    for (int start = 0; start < options_.organizations; start += 100) {
      RAPPORT_RETURN_IF_ERROR(records_.WriteBatch(Caller::System(), [&](BatchWriter& w) -> Status {
        const std::size_t before = orgs.size();
        for (int i = start; i < std::min(options_.organizations, start + 100); ++i) {
          std::string name = fmt::format("{} {} {}", Pick(kOrgWords), Pick(kOrgTrades), Pick(kLegalForms));
          if (i >= static_cast<int>(kOrgWords.size() * kOrgTrades.size())) name += fmt::format(" {}", i);
          const std::string slug = fmt::format("org{}", i + 1);
          bj::object o{{"name", name},
                       {"domain", slug + ".example"},
                       {"kind", Option(org_def, "kind")},
                       {"industry", std::string(Pick(kOrgTrades))},
                       {"size", Option(org_def, "size")},
                       {"payment_terms", Option(org_def, "payment_terms")},
                       {"website", fmt::format("https://{}.example", slug)},
                       {"email", fmt::format("hello@{}.example", slug)},
                       {"phone", fmt::format("+49 30 {}", 1000000 + i * 7919 % 8999999)},
                       {"relationship_type", Option(org_def, "relationship_type")},
                       {"service_model", Option(org_def, "service_model")},
                       {"lifecycle_stage", Option(org_def, "lifecycle_stage")},
                       {"touch_cadence_days", Chance(0.6) ? bj::value(Pick(std::array{30, 60, 90, 180})) : bj::value(nullptr)},
                       {"contract_value", Chance(0.5) ? bj::value(bj::object{{"micros", Uniform(5, 500) * 1'000'000'000},
                                                                            {"currency", "EUR"}})
                                                      : bj::value(nullptr)}};
          if (before > 0 && Chance(0.1)) o["parent"] = orgs[Uniform(0, static_cast<std::int64_t>(before) - 1)];
          o["owner"] = AnOwner();
          if (Chance(0.2)) o["tags"] = bj::array{std::string(Pick(kTags))};
          const bj::value owner = o["owner"];
          auto id = Create(w, "organization", std::move(o));
          if (!id.ok()) return std::move(id).error();
          orgs.push_back(*id);
          owner_of_[*id] = owner;
        }
        return {};
      }));
      Progress();
    }
    summary.organizations = static_cast<std::int64_t>(orgs.size());
    // People with their histories, 50 a transaction.
    for (int start = 0; start < options_.people; start += 50) {
      RAPPORT_RETURN_IF_ERROR(records_.WriteBatch(Caller::System(), [&](BatchWriter& w) -> Status {
        for (int i = start; i < std::min(options_.people, start + 50); ++i) {
          RAPPORT_RETURN_IF_ERROR(Person(w, i, person_def, interaction_def, orgs, summary));
        }
        return {};
      }));
      Progress();
    }
    RAPPORT_RETURN_IF_ERROR(Sales(orgs));
    // The cross-sell counts of the orders above, as the daily sweep would make them.
    if (auto counted = RefreshCrossSell(records_.db(), now_); !counted.ok()) return std::move(counted).error();
    summary.records = written_;
    return summary;
  }

 private:
  // A catalogue; deals at every stage of the default pipeline; paid orders of some people, whose
  // purchase figures and lifecycle stages follow; contracts and invoices of business accounts, some
  // renewing soon and some invoices overdue.
  Status Sales(const std::vector<std::int64_t>& orgs) {
    RAPPORT_RETURN_IF_ERROR(EnsureDefaultPipeline(records_));
    return records_.WriteBatch(Caller::System(), [&](BatchWriter& w) -> Status {
      std::vector<std::int64_t> products;
      for (std::size_t i = 0; i < kProducts.size(); ++i) {
        const auto& [name, euros] = kProducts[i];
        auto id = Create(w, "product", {{"sku", fmt::format("RP-{:03}", i + 1)}, {"name", name},
                                        {"price", {{"micros", euros * 1'000'000}, {"currency", "EUR"}}},
                                        {"cost", {{"micros", euros * 550'000}, {"currency", "EUR"}}}});
        if (!id.ok()) return std::move(id).error();
        products.push_back(*id);
      }
      auto stages = w.conn().Query(
          "SELECT id FROM pipeline_stages WHERE deleted_at IS NULL AND pipeline_id = "
          "(SELECT MIN(id) FROM pipelines WHERE deleted_at IS NULL AND is_default) ORDER BY position, id");
      if (!stages.ok()) return std::move(stages).error();
      bool overdue_made = false;
      bool renewal_made = false;
      for (std::size_t i = 0; i < orgs.size(); ++i) {
        if (stages->rows() > 0 && Chance(0.7)) {
          auto deal = Create(w, "deal", {{"title", std::string(Pick(kDealTitles))}, {"organization", orgs[i]},
                                         {"owner", owner_of_[orgs[i]]},
                                         {"amount", {{"micros", Uniform(2, 120) * 1'000'000'000}, {"currency", "EUR"}}},
                                         {"expected_close", Date(now_ + Uniform(-30, 120) * kDay)},
                                         {"stage", std::get<std::int64_t>(stages->at(
                                                       static_cast<std::size_t>(Uniform(0, stages->rows() - 1)), 0))}});
          if (!deal.ok()) return std::move(deal).error();
        }
        if (Chance(0.5)) {
          // The first contract renews within the next weeks, so that renewals are never empty.
          const std::int64_t start = renewal_made ? now_ - Uniform(30, 700) * kDay : now_ - (365 - Uniform(5, 40)) * kDay;
          renewal_made = true;
          const std::int64_t end = start + 365 * kDay;
          auto contract = Create(w, "contract", {{"title", std::string(Pick(kDealTitles))}, {"organization", orgs[i]},
                                                 {"owner", owner_of_[orgs[i]]},
                                                 {"value", {{"micros", Uniform(5, 200) * 1'000'000'000}, {"currency", "EUR"}}},
                                                 {"start_date", Date(start)}, {"end_date", Date(end)},
                                                 {"status", end < now_ ? "ended" : "active"}, {"payment_terms", "net_30"}});
          if (!contract.ok()) return std::move(contract).error();
          for (int k = 0; k < 3; ++k) {
            const std::int64_t issued = start + k * 120 * kDay;
            if (issued > now_) break;
            bj::object invoice{{"number", fmt::format("INV-{}-{}", *contract, k + 1)}, {"organization", orgs[i]},
                               {"contract", *contract},
                               {"amount", {{"micros", Uniform(1, 40) * 1'000'000'000}, {"currency", "EUR"}}},
                               {"issue_date", Date(issued)}, {"due_date", Date(issued + 30 * kDay)}};
            // Most past-due invoices are paid; the first is not, so that the demo always has one overdue.
            if (issued + 30 * kDay < now_ && overdue_made && Chance(0.8)) {
              invoice["paid_date"] = Date(issued + Uniform(5, 40) * kDay);
            } else if (issued + 30 * kDay < now_) {
              overdue_made = true;
            }
            auto made = Create(w, "invoice", std::move(invoice));
            if (!made.ok()) return std::move(made).error();
          }
        }
      }
      // Paid orders of every third person: one to five, over two years.
      auto people = w.conn().Query("SELECT id FROM people WHERE deleted_at IS NULL ORDER BY id");
      if (!people.ok()) return std::move(people).error();
      for (std::size_t r = 0; r < people->rows(); r += 3) {
        const std::int64_t person = std::get<std::int64_t>(people->at(r, 0));
        for (int k = static_cast<int>(Uniform(1, 5)); k > 0; --k) {
          auto order = Create(w, "order", {{"person", person}, {"currency", "EUR"}, {"status", "paid"},
                                           {"channel", Pick(std::array{"web", "web", "store", "phone", "marketplace"})},
                                           {"ordered_at", Time(now_ - Uniform(1, 700) * kDay)}});
          if (!order.ok()) return std::move(order).error();
          for (int l = static_cast<int>(Uniform(1, 3)); l > 0; --l) {
            auto line = Create(w, "order_line", {{"order", *order},
                                                 {"product", products[Uniform(0, products.size() - 1)]},
                                                 {"quantity", Uniform(1, 4)}});
            if (!line.ok()) return std::move(line).error();
          }
        }
      }
      return {};
    });
  }

  Status Person(BatchWriter& w, int i, const meta::ObjectDef& person_def, const meta::ObjectDef& interaction_def,
                const std::vector<std::int64_t>& orgs, DemoSummary& summary) {
    const std::string first = Pick(kFirstNames), last = Pick(kLastNames);
    const bool b2b = !orgs.empty() && Chance(0.7);
    const std::int64_t org = b2b ? orgs[Uniform(0, static_cast<std::int64_t>(orgs.size()) - 1)] : 0;
    std::string local;
    for (char c : first + "." + last) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.') local += static_cast<char>(std::tolower(c));
    }
    // A birthday within the next month for some, so upcoming dates are never empty.
    const std::int64_t birthday =
        Chance(0.05) ? now_ + Uniform(0, 30) * kDay - Uniform(25, 70) * 365 * kDay : now_ - Uniform(20 * 365, 75 * 365) * kDay;
    bj::object p{{"first_name", first},
                 {"last_name", last},
                 {"email", fmt::format("{}{}@{}", local, i + 1, b2b ? fmt::format("org{}.example", org) : "mail.example")},
                 {"phone", fmt::format("+49 {} {}", Pick(std::array{"30", "40", "89", "170", "151"}), 1000000 + (i * 104729) % 8999999)},
                 {"job_title", b2b ? bj::value(Pick(std::array{"CEO", "CTO", "Head of Purchasing", "Office Manager",
                                                              "Buyer", "Operations Lead", "Marketing Manager"}))
                                   : bj::value(nullptr)},
                 {"language", Pick(std::array{"de", "en", "fr", "es", "it"})},
                 {"birthday", Date(birthday)},
                 {"source", Option(person_def, "source")},
                 {"relationship_type", b2b ? "long_term" : Option(person_def, "relationship_type")},
                 {"service_model", Option(person_def, "service_model")},
                 {"relationship_stage", Option(person_def, "relationship_stage")},
                 {"lifecycle_stage", "lead"},
                 {"touch_cadence_days", Chance(0.5) ? bj::value(Pick(std::array{14, 30, 60, 90})) : bj::value(nullptr)},
                 {"marketing_consent", Chance(0.6)},
                 {"preferred_channel", Pick(std::array{"email", "phone", "meeting", "chat"})}};
    if (b2b) p["organization"] = org;
    // A business contact belongs to whoever has the account; a consumer to someone of their own.
    p["owner"] = b2b ? owner_of_[org] : AnOwner();
    if (Chance(0.2)) p["emails"] = bj::array{fmt::format("{}.private{}@mail.example", local, i + 1)};
    if (Chance(0.3)) p["tags"] = bj::array{std::string(Pick(kTags))};
    auto id = Create(w, "person", std::move(p));
    if (!id.ok()) return std::move(id).error();
    ++summary.people;
    // Stage history: most leads become customers, some stay loyal, some churn.
    const double stage = std::uniform_real_distribution<double>(0, 1)(random_);
    if (stage < 0.75) {
      RAPPORT_RETURN_IF_ERROR(Update(w, "person", *id, {{"lifecycle_stage", "customer"}, {"stage_reason", "signed the first order"}}));
      // The thank-you call after the sale.
      auto task = Create(w, "task", {{"title", fmt::format("Thank-you call: {} {}", first, last)}, {"kind", "call"},
                                     {"person", *id}, {"due_at", Time(now_ + Uniform(-10, 10) * kDay)},
                                     {"status", Chance(0.4) ? "done" : "open"}, {"priority", "high"}});
      if (!task.ok()) return std::move(task).error();
    }
    if (stage < 0.35) RAPPORT_RETURN_IF_ERROR(Update(w, "person", *id, {{"lifecycle_stage", "loyal"}}));
    if (stage > 0.65 && stage < 0.75) {
      RAPPORT_RETURN_IF_ERROR(Update(w, "person", *id, {{"lifecycle_stage", "churned"},
                                                        {"stage_reason", Pick(std::array{"price", "moved to a competitor",
                                                                                         "company closed", "bad support"})}}));
    }
    // Interactions over two years, more and more recent for customers.
    const int count = static_cast<int>(Uniform(0, stage < 0.75 ? 12 : 4));
    for (int k = 0; k < count; ++k) {
      const std::string& channel = Option(interaction_def, "channel");
      bj::object in{{"channel", channel},
                    {"direction", Pick(std::array{"inbound", "outbound", "outbound"})},
                    {"occurred_at", Time(now_ - Uniform(0, stage < 0.75 ? 365 : 730) * kDay - Uniform(0, 86399) * 1'000'000)},
                    {"participants", bj::array{*id}},
                    {"subject", std::string(Pick(kSubjects))},
                    {"outcome", std::string(Pick(kOutcomes))},
                    {"duration_minutes", channel == "meeting" || channel == "phone" ? bj::value(Uniform(5, 90)) : bj::value(nullptr)}};
      if (b2b) in["organization"] = org;
      auto iid = Create(w, "interaction", std::move(in));
      if (!iid.ok()) return std::move(iid).error();
      ++summary.interactions;
    }
    // Follow-ups: overdue, promised for January, a birthday card; a monthly check-in for the loyal.
    if (Chance(0.3)) {
      auto t = Create(w, "task", {{"title", "Call back as promised"}, {"kind", "call"}, {"person", *id},
                                  {"due_at", Time(now_ - Uniform(1, 20) * kDay)}, {"status", "open"}});
      if (!t.ok()) return std::move(t).error();
    }
    if (Chance(0.1)) {
      auto t = Create(w, "task", {{"title", "The call promised for January"}, {"kind", "call"}, {"person", *id},
                                  {"due_at", Time(now_ + Uniform(35, 70) * kDay)}, {"status", "open"}});
      if (!t.ok()) return std::move(t).error();
    }
    if (stage < 0.35 && Chance(0.5)) {
      auto t = Create(w, "task", {{"title", "Monthly check-in"}, {"kind", "meeting"}, {"person", *id},
                                  {"due_at", Time(now_ + Uniform(1, 28) * kDay)}, {"recurrence", "FREQ=MONTHLY"}});
      if (!t.ok()) return std::move(t).error();
    }
    if (Chance(0.25)) {
      auto n = Create(w, "note", {{"body", std::string(Pick(kNotes))}, {"person", *id}});
      if (!n.ok()) return std::move(n).error();
    }
    if (Chance(0.5)) {
      const std::size_t c = static_cast<std::size_t>(Uniform(0, kCities.size() - 1));
      auto a = Create(w, "address", {{"person", *id}, {"kind", b2b ? "work" : "home"},
                                     {"street", fmt::format("{} {}", Pick(kStreets), Uniform(1, 120))},
                                     {"city", kCities[c]}, {"postal_code", fmt::format("{}", Uniform(10000, 99999))},
                                     {"country", kCountries[c]}});
      if (!a.ok()) return std::move(a).error();
    }
    if (b2b && Chance(0.1) && orgs.size() > 1) {
      auto a = Create(w, "affiliation", {{"person", *id}, {"organization", orgs[Uniform(0, static_cast<std::int64_t>(orgs.size()) - 1)]},
                                         {"role", "Advisor"}});
      if (!a.ok() && a.error().code != ErrorCode::kConflict) return std::move(a).error();
    }
    if (Chance(0.05)) {
      auto d = Create(w, "personal_date", {{"person", *id}, {"kind", "anniversary"}, {"label", "Wedding anniversary"},
                                           {"date", Date(now_ + Uniform(0, 60) * kDay - Uniform(2, 30) * 365 * kDay)}});
      if (!d.ok()) return std::move(d).error();
    }
    return {};
  }

  // Two sales teams of account managers, so that records have owners and the ownership rules
  // show (docs/security.md); kept when they exist. Users have no password: an admin sets one.
  Status SalesTeams() {
    struct Member {
      const char* name;
      const char* email;
      const char* role;
      const char* team;
    };
    static constexpr std::array<Member, 5> kMembers{{{"Anna Berger", "anna.berger@rapport.example", "agent", "Berlin"},
                                                     {"Ben Braun", "ben.braun@rapport.example", "agent", "Berlin"},
                                                     {"Mia Maier", "mia.maier@rapport.example", "manager", "Berlin"},
                                                     {"Paul Petit", "paul.petit@rapport.example", "agent", "Paris"},
                                                     {"Claire Carre", "claire.carre@rapport.example", "manager", "Paris"}}};
    return records_.WriteBatch(Caller::System(), [&](BatchWriter& w) -> Status {
      users_.clear();
      for (const Member& m : kMembers) {
        auto found = w.conn().Query("SELECT id FROM users WHERE lower(email) = $1",
                                    {store::Value(std::string(m.email))});
        if (!found.ok()) return std::move(found).error();
        if (!found->empty()) {
          users_.push_back(found->Int(0, 0));
          continue;
        }
        auto team = w.conn().Query("SELECT id FROM teams WHERE name = $1 AND deleted_at IS NULL",
                                   {store::Value(std::string(m.team))});
        if (!team.ok()) return std::move(team).error();
        std::int64_t team_id = 0;
        if (team->empty()) {
          auto made = Create(w, "team", {{"name", m.team}});
          if (!made.ok()) return std::move(made).error();
          team_id = *made;
        } else {
          team_id = team->Int(0, 0);
        }
        auto id = Create(w, "user", {{"name", m.name}, {"email", m.email}, {"role", m.role}, {"teams", bj::array{team_id}}});
        if (!id.ok()) return std::move(id).error();
        users_.push_back(*id);
      }
      return {};
    });
  }

  // An account manager, or none for one account in ten (the unowned pool that managers assign).
  bj::value AnOwner() {
    if (users_.empty() || Chance(0.1)) return nullptr;
    return users_[static_cast<std::size_t>(Uniform(0, static_cast<std::int64_t>(users_.size()) - 1))];
  }

  void Progress() {
    if (options_.on_progress) options_.on_progress(written_);
  }

  RecordService& records_;
  std::vector<std::int64_t> users_;                // the sales teams' members
  std::map<std::int64_t, bj::value> owner_of_;    // organization -> its owner (or null)
  const Micros now_;
  std::mt19937_64 random_;
  const DemoOptions& options_;
  std::int64_t written_ = 0;
};

}  // namespace

Result<DemoSummary> FillDemo(RecordService& records, MetaService& meta, const Clock& clock, const DemoOptions& options) {
  // Two custom fields, as a user would add them at runtime (kept if they exist already).
  for (const auto& [object, definition] :
       {std::pair{"person", R"({"name": "preferred_channel", "type": "enum", "label": "Preferred channel",
                                 "options": ["email", "phone", "meeting", "chat"]})"},
        std::pair{"organization", R"({"name": "contract_value", "type": "currency", "label": "Contract value"})"}}) {
    auto added = meta.AddField(object, bj::parse(definition));
    if (!added.ok() && added.error().code != ErrorCode::kConflict) return std::move(added).error();
  }
  Filler filler(records, clock, options);
  return filler.Run();
}

}  // namespace rapport::domain
