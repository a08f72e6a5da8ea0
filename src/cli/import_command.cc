// `rapport import people|organizations|orders|order_lines FILE.csv`: streams a CSV file into records through the
// record pipeline (domain/import/importer.h), with progress on stderr, a summary on stdout and
// the per-row report as CSV (row,field,message) to --report or stderr. Exit code 0 when every row
// was imported, 2 when some rows were reported, 1 when the import could not run.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/database.h"
#include "common/clock.h"
#include "common/logging.h"
#include "domain/builtin_hooks.h"
#include "domain/import/importer.h"
#include "domain/meta/meta_service.h"
#include "domain/record/record_service.h"
#include "meta/registry_holder.h"

namespace rapport::cli {
namespace {

struct ImportSettings {
  std::string object;
  std::string file;
  std::vector<std::string> map;
  std::string report;
  std::string delimiter;
  std::string format;  // csv or vcard; empty: by the file's name
  bool dry_run = false;
  bool progress = false;
  std::size_t batch_rows = 500;
};

// One CSV cell, quoted when it must be (RFC 4180).
std::string CsvCell(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Quoted(const std::string& header) { return fmt::format("\"{}\"", header); }

int RunImport(const CommonSettings& common, const ImportSettings& settings) {
  logging::Init(common.log_level);
  const std::string object = settings.object == "people"        ? "person"
                             : settings.object == "organizations" ? "organization"
                             : settings.object == "orders"        ? "order"
                                                                  : "order_line";
  domain::ImportOptions options;
  options.caller = domain::Caller::System();
  for (const std::string& text : settings.map) {
    auto entries = domain::ParseMapping(text);
    if (!entries.ok()) {
      std::cerr << "rapport: --map: " << entries.error().fields[0].problem << "\n";
      return 1;
    }
    options.mapping.insert(options.mapping.end(), entries->begin(), entries->end());
  }
  if (!settings.delimiter.empty()) {
    options.delimiter = settings.delimiter == "tab" ? '\t' : settings.delimiter[0];
  }
  options.dry_run = settings.dry_run;
  options.batch_rows = settings.batch_rows;

  std::ifstream file;
  std::istream* in = &std::cin;
  if (settings.file != "-") {
    file.open(settings.file, std::ios::binary);
    if (!file) {
      std::cerr << "rapport: cannot open " << settings.file << "\n";
      return 1;
    }
    in = &file;
  }
  std::ofstream report_file;
  std::ostream* report = &std::cerr;
  if (!settings.report.empty()) {
    report_file.open(settings.report, std::ios::binary | std::ios::trunc);
    if (!report_file) {
      std::cerr << "rapport: cannot write " << settings.report << "\n";
      return 1;
    }
    report = &report_file;
  }

  auto db = OpenAndMigrate(common, store::OpenOptions{.pool_size = 1, .memory_map = false});
  if (!db) return 1;
  auto loaded = domain::MetaService::Load(*db);
  if (!loaded.ok()) {
    std::cerr << "rapport: cannot load the metadata: " << loaded.error().message << "\n";
    return 1;
  }
  meta::RegistryHolder registry(std::move(*loaded));
  SystemClock clock;
  const domain::HookRegistry hooks = domain::BuiltinHooks();
  domain::RecordService records(*db, registry, clock, hooks);

  // Progress: at most two lines a second, on a terminal (redrawn in place) or with --progress.
  const bool tty = isatty(fileno(stderr)) != 0;
  const bool show_progress = settings.progress || tty;
  const auto start = std::chrono::steady_clock::now();
  auto last = start;
  bool progress_shown = false;
  auto clear_progress = [&] {
    if (progress_shown && tty) std::cerr << "\r\033[K";
    progress_shown = false;
  };
  bool report_started = false;
  options.on_problem = [&](const domain::RowProblem& p) {
    if (report == &std::cerr) clear_progress();
    if (!report_started) {
      *report << "row,field,message\n";
      report_started = true;
    }
    *report << p.row << "," << CsvCell(p.field) << "," << CsvCell(p.message) << "\n";
  };
  options.on_progress = [&](const domain::ImportProgress& p) {
    if (!show_progress) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last < std::chrono::milliseconds(500)) return;
    last = now;
    const double secs = std::chrono::duration<double>(now - start).count();
    clear_progress();
    std::cerr << fmt::format("import: {} rows ({:.0f} rows/s, {:.1f} MB read), {} created, {} updated, {} failed",
                             p.rows, p.rows / secs, static_cast<double>(p.bytes) / 1e6, p.created, p.updated, p.failed)
              << (tty ? "" : "\n") << std::flush;
    progress_shown = true;
  };

  // A file of vCards (by its name, or --format) is read as cards, anything else as CSV.
  const bool vcards = settings.format == "vcard" ||
                      (settings.format.empty() && (settings.file.ends_with(".vcf") || settings.file.ends_with(".vcard")));
  Result<domain::ImportSummary> summary = Error{ErrorCode::kInternal, "not run", {}};
  if (vcards) {
    if (object != "person") {
      std::cerr << "rapport: vCards are imported as people\n";
      return 1;
    }
    summary = domain::ImportVCards(records, *in, options, [in] { return static_cast<std::uint64_t>(in->tellg()); });
  } else {
    CsvReader reader(
        [in](char* buffer, std::size_t capacity) -> std::size_t {
          in->read(buffer, static_cast<std::streamsize>(capacity));
          return static_cast<std::size_t>(in->gcount());
        },
        CsvOptions{.delimiter = options.delimiter});
    summary = domain::ImportCsv(records, object, reader, options);
  }
  clear_progress();
  if (in->bad()) {
    std::cerr << "rapport: reading " << settings.file << " failed\n";
    return 1;
  }
  if (!summary.ok()) {
    std::cerr << "rapport: import " << settings.object << ": " << summary.error().message << "\n";
    for (std::size_t i = 1; i < summary.error().fields.size(); ++i) {
      std::cerr << "  " << summary.error().fields[i].problem << "\n";
    }
    return 1;
  }
  report->flush();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const domain::ImportSummary& s = *summary;
  std::cout << fmt::format("import {}{}: {} rows in {:.1f} s ({:.0f} rows/s): {} created, {} updated, {} unchanged, "
                           "{} failed\n",
                           settings.object, s.dry_run ? " (dry run: nothing written)" : "", s.rows, secs,
                           secs > 0 ? s.rows / secs : 0.0, s.created, s.updated, s.unchanged, s.failed);
  std::string columns;
  for (std::size_t i = 0; i < s.mapping.headers.size(); ++i) {
    if (s.mapping.fields[i].empty()) continue;
    columns += fmt::format("{}{} → {}", columns.empty() ? "" : ", ", Quoted(s.mapping.headers[i]), s.mapping.fields[i]);
  }
  if (!s.mapping.headers.empty()) std::cout << "columns: " << columns << "\n";
  if (!s.mapping.ignored.empty()) {
    std::string ignored;
    for (const std::string& h : s.mapping.ignored) ignored += (ignored.empty() ? "" : ", ") + Quoted(h);
    std::cout << "ignored columns: " << ignored << "\n";
  }
  for (const auto& [linked, n] : s.linked_created) {
    std::cout << fmt::format("{} {} created for links by name\n", n, linked);
  }
  if (s.failed > 0) {
    std::cout << fmt::format("{} problems reported{}\n", s.problems,
                             settings.report.empty() ? " on stderr" : " in " + settings.report);
  }
  return s.failed > 0 ? 2 : 0;
}

}  // namespace

Run AddImportCommand(CLI::App& app, CommonSettings& common) {
  auto settings = std::make_shared<ImportSettings>();
  CLI::App* command = app.add_subcommand(
      "import",
      "Import people, organizations, orders or order lines from a CSV file, or people from vCards "
      "(docs/import-export.md); exit code 2 when rows failed");
  AddCommonOptions(*command, common);
  command->add_option("object", settings->object, "people, organizations, orders or order_lines")
      ->required()
      ->check(CLI::IsMember({"people", "organizations", "orders", "order_lines"}));
  command->add_option("file", settings->file, "the CSV file, - for standard input")->required();
  command->add_option("--map", settings->map,
                      "\"Header=field,Other=field\": maps columns to fields (overrides the suggestions; "
                      "\"Header=\" ignores a column); may be repeated");
  command->add_flag("--dry-run", settings->dry_run, "check every row and report, write nothing");
  command->add_option("--report", settings->report, "write the per-row report (CSV: row,field,message) to this file "
                                                    "instead of stderr");
  command->add_option("--delimiter", settings->delimiter, "',', ';' or tab; sniffed from the header line by default")
      ->check(CLI::IsMember({",", ";", "tab"}));
  command->add_flag("--progress", settings->progress, "show progress on stderr even when it is not a terminal");
  command->add_option("--format", settings->format, "csv or vcard (people); by default vcard for a .vcf file")
      ->check(CLI::IsMember({"csv", "vcard"}));
  command->add_option("--batch-rows", settings->batch_rows, "rows per write transaction")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  return [&common, settings] { return RunImport(common, *settings); };
}

}  // namespace rapport::cli
