#include "cli/bench_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "cli/bench_rows.h"
#include "common/clock.h"
#include "common/text_fold.h"

namespace rapport::cli {
namespace {

namespace bj = boost::json;
using store::Value;
using bench::Below;
using bench::Chance;
using bench::NextId;
using bench::Opt;
using bench::Pick;
using bench::RowBatch;
using bench::Since;

// Timestamps are relative to a fixed instant, not the clock, so a seed always gives the same rows.
constexpr Micros kAnchor = 1'767'225'600'000'000;  // 2026-01-01T00:00:00Z
constexpr Micros kDay = 86'400'000'000;
constexpr Micros kSpan = 3 * 365 * kDay;  // interactions and record creation spread over 3 years

constexpr std::array kFirstNames = {
    "Anna",    "Anne",     "Annika",  "Andreas", "Jürgen",  "Jörg",     "Zoë",      "Łukasz",  "François", "José",
    "Müge",    "Søren",    "Åsa",     "Björn",   "Chloé",   "Renée",    "Hélène",   "Noël",    "Íñigo",    "Ana",
    "Thomas",  "Michael",  "Stefan",  "Markus",  "Christian", "Daniel", "Martin",   "Peter",   "Paul",     "Lukas",
    "Maria",   "Julia",    "Laura",   "Lena",    "Sarah",   "Katharina", "Sophie",  "Lea",     "Emma",     "Mia",
    "Hannah",  "Lisa",     "Johanna", "Clara",   "Marie",   "Elif",     "Ayşe",     "Mehmet",  "Çağla",    "Oğuz",
    "Giulia",  "Francesca", "Luca",   "Marco",   "Matteo",  "Sofía",    "Lucía",    "Javier",  "Álvaro",   "Inés",
    "Olivia",  "James",    "William", "Oliver",  "Charlotte", "Amelia", "George",   "Harry",   "Emily",    "Jack",
    "Piotr",   "Katarzyna", "Małgorzata", "Tomáš", "Jiří",  "Zuzana",   "Ivana",    "Dragan",  "Miloš",    "Nikola",
    "Ingrid",  "Astrid",   "Lars",    "Erik",    "Niklas",  "Freya",    "Sven",     "Mattias", "Håkan",    "Ólafur",
    "Camille", "Léa",      "Théo",    "Mathis",  "Maëlle",  "Siobhán",  "Seán",     "Aoife",   "Nuno",     "João"};

constexpr std::array kLastNames = {
    "Müller",     "Schmidt",   "Schneider", "Fischer",   "Weber",    "Meyer",      "Wagner",    "Becker",
    "Schulz",     "Hoffmann",  "Schäfer",   "Koch",      "Bauer",    "Richter",    "Klein",     "Wolf",
    "Schröder",   "Neumann",   "Schwarz",   "Zimmermann", "Braun",   "Krüger",     "Hofmann",   "Hartmann",
    "Lange",      "Schmitt",   "Werner",    "Schmitz",   "Krause",   "Meier",      "Lehmann",   "Schmid",
    "Schulze",    "Maier",     "Köhler",    "Herrmann",  "König",    "Walter",     "Mayer",     "Huber",
    "Kaiser",     "Fuchs",     "Peters",    "Lang",      "Scholz",   "Möller",     "Weiß",      "Jung",
    "Hahn",       "Schubert",  "Vogel",     "Friedrich", "Keller",   "Günther",    "Frank",     "Berger",
    "Winkler",    "Roth",      "Beck",      "Lorenz",    "Baumann",  "Franke",     "Albrecht",  "Schuster",
    "Böhm",       "Winter",    "Krämer",    "Vogt",      "Stein",    "Jäger",      "Sommer",    "Groß",
    "García",     "Fernández", "López",     "Martínez",  "Sánchez",  "Pérez",      "Rossi",     "Russo",
    "Bianchi",    "Romano",    "Dubois",    "Lefèvre",   "Moreau",   "Girard",     "Nowak",     "Kowalski",
    "Wiśniewski", "Wójcik",    "Dvořák",    "Novák",     "Svoboda",  "Øvergaard",  "Åberg",     "Lindqvist",
    "Johansson",  "Nielsen",   "Smith",     "Johnson",   "Brown",    "Taylor",     "O'Brien",   "Murphy",
    "Kelly",      "Yılmaz",    "Kaya",      "Demir",     "Papadopoulos", "Kovač",  "Horváth",   "Nagy",
    "Silva",      "Santos",    "Oliveira",  "Costa",     "van der Berg", "de Vries", "Jansen",  "Østergård"};

constexpr std::array kOrgWords = {
    "Nordlicht", "Alpen",   "Blue River", "Sonnenschein", "Kristall", "Falken",  "Eiche",    "Atlas",   "Horizon",
    "Müller",    "Becker",  "Lumière",    "Stella",       "Polaris",  "Vortex",  "Brücke",   "Quelle",  "Zenit",
    "Aurora",    "Fjord",   "Citrus",     "Granit",       "Kobalt",   "Lotus",   "Nimbus",   "Orion",   "Pioneer",
    "Rheinland", "Donau",   "Bodensee",   "Ostsee",       "Elbe",     "Iberia",  "Adriatic", "Baltic",  "Nova"};
constexpr std::array kOrgTrades = {"Logistik",  "Software", "Bau",       "Consulting", "Medien",  "Energie",
                                   "Systems",   "Foods",    "Design",    "Finanz",     "Handel",  "Technik",
                                   "Reisen",    "Pharma",   "Analytics", "Immobilien", "Textil",  "Studio"};
constexpr std::array kOrgForms = {"GmbH", "AG", "KG", "Ltd", "SARL", "S.L.", "S.p.A.", "Sp. z o.o.", "s.r.o.", "Inc."};
constexpr std::array kIndustries = {"Software", "Manufacturing", "Retail", "Healthcare", "Finance", "Logistics",
                                    "Media", "Energy", "Construction", "Education", "Hospitality", "Consulting"};
constexpr std::array kJobTitles = {"CEO", "CTO", "Head of Sales", "Account Manager", "Buyer", "Office Manager",
                                   "Software Engineer", "Marketing Lead", "Purchasing", "Founder", "Consultant",
                                   "Project Manager", "Geschäftsführerin", "Einkauf", "Assistant"};
constexpr std::array kLanguages = {"de-DE", "de-AT", "de-CH", "en-GB", "en-US", "fr-FR", "es-ES", "it-IT", "pl-PL"};
constexpr std::array kTimeZones = {"Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "Europe/London",
                                   "America/New_York", "Europe/Paris", "Europe/Madrid", "Europe/Rome",
                                   "Europe/Warsaw"};
constexpr std::array kMailHosts = {"example.com", "example.org", "example.net", "mail.example", "post.example"};
constexpr std::array kCountryCodes = {"+49 30", "+49 89", "+43 1", "+41 44", "+44 20", "+1 212", "+33 1", "+34 91"};
constexpr std::array kSubjects = {"Intro call", "Follow-up on proposal", "Quarterly review", "Renewal discussion",
                                  "Demo", "Support question", "Pricing", "Kick-off meeting", "Contract signed",
                                  "Invoice question", "Coffee", "Conference chat", "Onboarding", "Feedback"};
constexpr std::array kOutcomes = {"Positive", "Needs follow-up", "Sent offer", "No answer", "Scheduled next meeting",
                                  "Closed", "Waiting for budget"};
constexpr std::array kCadences = {7, 14, 30, 60, 90, 180, 365};

std::string Options(const meta::ObjectDef& object, std::string_view field, std::mt19937_64& rng) {
  const meta::FieldDef* f = object.FindField(field);
  if (f == nullptr || f->options.empty()) return {};
  return f->options[rng() % f->options.size()];
}

// "zoe.o.brien": a folded name for the local part of an address.
std::string MailPart(std::string_view name) {
  std::string out = FoldForSearch(name);
  std::replace(out.begin(), out.end(), ' ', '.');
  return out;
}

std::string Phone(std::mt19937_64& rng) {
  return fmt::format("{} {:07d}", Pick(rng, kCountryCodes), Below(rng, 10'000'000));
}

std::string Date(Micros t) {
  return FormatTimestamp(t).substr(0, 10);  // YYYY-MM-DD
}

struct Context {
  store::Database& db;
  bench::Phase phase;
  const BenchDataOptions& options;
  const meta::ObjectDef& organization;
  const meta::ObjectDef& person;
  const meta::ObjectDef& interaction;
  std::int64_t first_org_id = 0;
  std::int64_t first_person_id = 0;
  std::int64_t first_interaction_id = 0;
  std::vector<std::string> org_names;    // by index (id - first_org_id)
  std::vector<std::string> org_domains;  // by index
  std::vector<std::int32_t> person_org;  // by index; -1: none
};

Status Organizations(Context& ctx) {
  const std::int64_t total = ctx.options.organizations;
  ctx.org_names.resize(static_cast<std::size_t>(total));
  ctx.org_domains.resize(static_cast<std::size_t>(total));
  return bench::Chunked(ctx.phase, 1, "organizations", total, [&](store::Connection& conn, std::int64_t first, std::int64_t count,
                                                     std::mt19937_64& rng) -> Status {
    RowBatch batch(conn, ctx.organization.table,
                   {"id", "name", "domain", "kind", "industry", "size", "payment_terms", "website", "email", "phone",
                    "relationship_stage", "lifecycle_stage", "version", "created_at", "updated_at", "search_text"});
    for (std::int64_t i = first; i < first + count; ++i) {
      std::string name = fmt::format("{} {} {}", Pick(rng, kOrgWords), Pick(rng, kOrgTrades), Pick(rng, kOrgForms));
      std::string stem = FoldForSearch(name);
      std::replace(stem.begin(), stem.end(), ' ', '-');
      std::string domain = fmt::format("{}-{}.example", stem, i + 1);
      std::string email = "info@" + domain;
      const bool has_phone = Chance(rng, 80);
      std::string phone = has_phone ? Phone(rng) : std::string();
      Micros created = kAnchor - kSpan - 180 * kDay + Below(rng, kSpan);
      std::vector<std::string_view> search{name, domain, email};
      if (has_phone) search.push_back(phone);
      auto& c = batch.cells();
      c.emplace_back(ctx.first_org_id + i);
      c.emplace_back(name);
      c.emplace_back(domain);
      c.emplace_back(Options(ctx.organization, "kind", rng));
      c.emplace_back(std::string(Pick(rng, kIndustries)));
      c.emplace_back(Options(ctx.organization, "size", rng));
      c.emplace_back(Opt(Chance(rng, 60), Options(ctx.organization, "payment_terms", rng)));
      c.emplace_back("https://www." + domain);
      c.emplace_back(email);
      c.emplace_back(Opt(has_phone, phone));
      c.emplace_back(Options(ctx.organization, "relationship_stage", rng));
      c.emplace_back(Options(ctx.organization, "lifecycle_stage", rng));
      c.emplace_back(std::int64_t{1});
      c.emplace_back(created);
      c.emplace_back(created + Below(rng, 90 * kDay));
      c.emplace_back(SearchDocument(search));
      ctx.org_names[static_cast<std::size_t>(i)] = std::move(name);
      ctx.org_domains[static_cast<std::size_t>(i)] = std::move(domain);
      RAPPORT_RETURN_IF_ERROR(batch.EndRow());
    }
    return batch.Flush();
  });
}

Status People(Context& ctx) {
  const std::int64_t total = ctx.options.people;
  const std::int64_t orgs = static_cast<std::int64_t>(ctx.org_names.size());
  ctx.person_org.assign(static_cast<std::size_t>(total), -1);
  return bench::Chunked(ctx.phase, 2, "people", total, [&](store::Connection& conn, std::int64_t first, std::int64_t count,
                                              std::mt19937_64& rng) -> Status {
    RowBatch batch(conn, ctx.person.table,
                   {"id",          "first_name",        "last_name",         "email",
                    "emails",      "phone",             "phones",            "organization_id",
                    "job_title",   "language",          "time_zone",         "birthday",
                    "birthday_md", "source",            "relationship_type", "service_model",
                    "relationship_stage", "lifecycle_stage", "touch_cadence_days", "last_touch_at",
                    "next_touch_due", "marketing_consent", "do_not_contact",  "version",
                    "created_at",  "updated_at",        "search_text"});
    for (std::int64_t i = first; i < first + count; ++i) {
      const std::int64_t id = ctx.first_person_id + i;
      std::string first_name = Pick(rng, kFirstNames);
      std::string last_name = Pick(rng, kLastNames);
      const std::int64_t org = orgs > 0 && Chance(rng, 85) ? Below(rng, orgs) : -1;
      const std::string mail_host =
          org >= 0 && Chance(rng, 60) ? ctx.org_domains[org] : std::string(Pick(rng, kMailHosts));
      std::string email = fmt::format("{}.{}{}@{}", MailPart(first_name), MailPart(last_name), id, mail_host);
      const bool more_emails = Chance(rng, 10);
      std::string extra_email = fmt::format("{}{}@{}", MailPart(first_name), id, Pick(rng, kMailHosts));
      const bool has_phone = Chance(rng, 70);
      std::string phone = has_phone ? Phone(rng) : std::string();
      const bool more_phones = Chance(rng, 5);
      std::string extra_phone = more_phones ? Phone(rng) : std::string();
      const bool has_birthday = Chance(rng, 70);
      Micros born = kAnchor - (18 * 365 + Below(rng, 50 * 365)) * kDay;
      std::string birthday = Date(born);
      const std::int64_t md = std::stoll(birthday.substr(5, 2)) * 100 + std::stoll(birthday.substr(8, 2));
      const bool has_cadence = Chance(rng, 40);
      const std::int64_t cadence = kCadences[rng() % kCadences.size()];
      const bool touched = Chance(rng, 80);
      Micros last_touch = kAnchor - Below(rng, 365 * kDay);
      Micros created = kAnchor - Below(rng, kSpan);

      // search_text as the record pipeline builds it (RecordService SearchText): the search fields
      // in order, multi-valued ones item by item, the organization by its title.
      std::vector<std::string_view> search{first_name, last_name, email};
      if (more_emails) search.push_back(extra_email);
      if (has_phone) search.push_back(phone);
      if (more_phones) search.push_back(extra_phone);
      if (org >= 0) search.push_back(ctx.org_names[org]);

      auto& c = batch.cells();
      c.emplace_back(id);
      c.emplace_back(first_name);
      c.emplace_back(last_name);
      c.emplace_back(email);
      c.emplace_back(Opt(more_emails, bj::serialize(bj::array{bj::value(extra_email)})));
      c.emplace_back(Opt(has_phone, phone));
      c.emplace_back(Opt(more_phones, bj::serialize(bj::array{bj::value(extra_phone)})));
      c.emplace_back(Opt(org >= 0, ctx.first_org_id + org));
      c.emplace_back(Opt(Chance(rng, 60), std::string(Pick(rng, kJobTitles))));
      c.emplace_back(Opt(Chance(rng, 50), std::string(Pick(rng, kLanguages))));
      c.emplace_back(Opt(Chance(rng, 50), std::string(Pick(rng, kTimeZones))));
      c.emplace_back(Opt(has_birthday, birthday));
      c.emplace_back(Opt(has_birthday, md));
      c.emplace_back(Opt(Chance(rng, 80), Options(ctx.person, "source", rng)));
      c.emplace_back(Opt(Chance(rng, 70), Options(ctx.person, "relationship_type", rng)));
      c.emplace_back(Opt(Chance(rng, 50), Options(ctx.person, "service_model", rng)));
      c.emplace_back(Options(ctx.person, "relationship_stage", rng));
      c.emplace_back(Options(ctx.person, "lifecycle_stage", rng));
      c.emplace_back(Opt(has_cadence, cadence));
      c.emplace_back(Opt(touched, last_touch));
      c.emplace_back(Opt(has_cadence, (touched ? last_touch : created) + cadence * kDay));
      c.emplace_back(Chance(rng, 40));
      c.emplace_back(Chance(rng, 3));
      c.emplace_back(std::int64_t{1});
      c.emplace_back(created);
      c.emplace_back(std::max(created, touched ? last_touch : created));
      c.emplace_back(SearchDocument(search));
      ctx.person_org[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(org);
      RAPPORT_RETURN_IF_ERROR(batch.EndRow());
    }
    return batch.Flush();
  });
}

Status Interactions(Context& ctx) {
  const std::int64_t total = ctx.options.interactions;
  const std::int64_t people = static_cast<std::int64_t>(ctx.person_org.size());
  if (people == 0) return {};
  return bench::Chunked(ctx.phase, 3, "interactions", total, [&](store::Connection& conn, std::int64_t first, std::int64_t count,
                                                    std::mt19937_64& rng) -> Status {
    RowBatch batch(conn, ctx.interaction.table,
                   {"id", "channel", "direction", "occurred_at", "organization_id", "subject", "summary", "outcome",
                    "duration_minutes", "version", "created_at", "updated_at"});
    RowBatch links(conn, "record_links", {"object", "field", "record_id", "target_id"});
    for (std::int64_t i = first; i < first + count; ++i) {
      const std::int64_t id = ctx.first_interaction_id + i;
      // In time order, as they would have been logged: the occurred_at index grows at its end.
      Micros occurred = kAnchor - kSpan + (kSpan / std::max<std::int64_t>(1, total)) * i + Below(rng, kDay / 4);
      std::int64_t participants[3];
      const int n = Chance(rng, 60) ? 1 : Chance(rng, 75) ? 2 : 3;
      for (int p = 0; p < n; ++p) participants[p] = Below(rng, people);
      std::sort(participants, participants + n);
      const std::int32_t org = ctx.person_org[static_cast<std::size_t>(participants[0])];
      std::string channel = Options(ctx.interaction, "channel", rng);
      const bool timed = channel == "phone" || channel == "meeting" || channel == "in_person";

      auto& c = batch.cells();
      c.emplace_back(id);
      c.emplace_back(channel);
      c.emplace_back(Options(ctx.interaction, "direction", rng));
      c.emplace_back(occurred);
      c.emplace_back(Opt(org >= 0 && Chance(rng, 70), ctx.first_org_id + org));
      c.emplace_back(std::string(Pick(rng, kSubjects)));
      c.emplace_back(Opt(Chance(rng, 20), std::string("Talked about next steps and the timeline.")));
      c.emplace_back(Opt(Chance(rng, 50), std::string(Pick(rng, kOutcomes))));
      c.emplace_back(Opt(timed, Below(rng, 90) + 5));
      c.emplace_back(std::int64_t{1});
      c.emplace_back(occurred);
      c.emplace_back(occurred);
      RAPPORT_RETURN_IF_ERROR(batch.EndRow());
      for (int p = 0; p < n; ++p) {
        if (p > 0 && participants[p] == participants[p - 1]) continue;
        auto& l = links.cells();
        l.emplace_back(std::string("interaction"));
        l.emplace_back(std::string("participants"));
        l.emplace_back(id);
        l.emplace_back(ctx.first_person_id + participants[p]);
        RAPPORT_RETURN_IF_ERROR(links.EndRow());
      }
    }
    RAPPORT_RETURN_IF_ERROR(batch.Flush());
    return links.Flush();
  });
}

// After the load: PostgreSQL's identity sequences past the ids written here (explicit ids do not
// advance them), then fresh planner statistics.
Status Finish(Context& ctx) {
  const bool pg = ctx.db.dialect() == store::Dialect::kPostgres;
  if (pg) {
    RAPPORT_RETURN_IF_ERROR(ctx.db.Write([&](store::Connection& conn) -> Status {
      for (const meta::ObjectDef* o : {&ctx.organization, &ctx.person, &ctx.interaction}) {
        auto set = conn.Query(fmt::format(
            "SELECT setval(pg_get_serial_sequence('{0}', 'id'), (SELECT coalesce(max(id), 1) FROM {0}))", o->table));
        if (!set.ok()) return std::move(set).error();
      }
      return {};
    }));
  }
  // Both accept ANALYZE inside a transaction (PostgreSQL refuses only VACUUM there).
  return ctx.db.Write([&](store::Connection& conn) -> Status {
    if (pg) return conn.ExecScript("ANALYZE");
    // A full ANALYZE: with a sampled one (analysis_limit) the planner misjudges an enum filter
    // sorted by another indexed column and sorts 170 k rows instead of walking the sort's index.
    return conn.ExecScript("ANALYZE");
  });
}

}  // namespace

Result<BenchDataTimes> GenerateBenchData(store::Database& db, const meta::Registry& registry,
                                         const BenchDataOptions& options) {
  const meta::ObjectDef* organization = registry.FindObject("organization");
  const meta::ObjectDef* person = registry.FindObject("person");
  const meta::ObjectDef* interaction = registry.FindObject("interaction");
  if (organization == nullptr || person == nullptr || interaction == nullptr) {
    return Error{ErrorCode::kInternal, "the registry lacks organization, person or interaction", {}};
  }
  Context ctx{db, {db, options.seed, options.rows_per_transaction, options.progress}, options, *organization, *person, *interaction};
  for (auto [table, id] : {std::pair{&organization->table, &ctx.first_org_id},
                           std::pair{&person->table, &ctx.first_person_id},
                           std::pair{&interaction->table, &ctx.first_interaction_id}}) {
    auto next = NextId(db, *table);
    if (!next.ok()) return std::move(next).error();
    *id = *next;
  }
  if (db.dialect() == store::Dialect::kSqlite) {
    // The one writer connection: a large page cache keeps the index B-trees in memory while loading.
    RAPPORT_RETURN_IF_ERROR(db.Write([](store::Connection& conn) { return conn.ExecScript("PRAGMA cache_size=-1048576"); }));
  }
  BenchDataTimes times;
  auto start = std::chrono::steady_clock::now();
  RAPPORT_RETURN_IF_ERROR(Organizations(ctx));
  times.organizations_s = Since(start);
  start = std::chrono::steady_clock::now();
  RAPPORT_RETURN_IF_ERROR(People(ctx));
  times.people_s = Since(start);
  start = std::chrono::steady_clock::now();
  RAPPORT_RETURN_IF_ERROR(Interactions(ctx));
  times.interactions_s = Since(start);
  start = std::chrono::steady_clock::now();
  RAPPORT_RETURN_IF_ERROR(Finish(ctx));
  times.finish_s = Since(start);
  return times;
}

}  // namespace rapport::cli
