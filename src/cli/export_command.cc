#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/record_services.h"
#include "common/logging.h"
#include "domain/export/record_export.h"

namespace rapport::cli {
namespace {

struct ExportSettings {
  std::string object;
  std::string format = "csv";
  std::string filter;
  std::string sort;
  std::vector<std::string> fields;
  std::string output;  // empty: stdout
  bool include_deleted = false;
  bool progress = false;
};

}  // namespace

Run AddExportCommand(CLI::App& app, CommonSettings& common) {
  auto settings = std::make_shared<ExportSettings>();
  CLI::App* command = app.add_subcommand(
      "export", "Write the records of an object (people, organizations, ...) as CSV or NDJSON, or people as vCards, streamed");
  command->add_option("object", settings->object, "the object's name or path: person or people, organization, ...")
      ->required();
  command->add_option("--format", settings->format, "csv, ndjson or vcard (people)")
      ->check(CLI::IsMember({"csv", "ndjson", "vcard"}))
      ->capture_default_str();
  command->add_option("--filter", settings->filter, "a filter-language expression (docs/filter.md)");
  command->add_option("--sort", settings->sort, "fields, - for descending (as for lists)");
  command->add_option("--fields", settings->fields, "the fields to export; all active fields when absent")
      ->delimiter(',');
  command->add_flag("--include-deleted", settings->include_deleted, "deleted records too");
  command->add_option("--output,-o", settings->output, "the file to write; standard output when absent");
  command->add_flag("--progress", settings->progress, "show progress on stderr even when it is not a terminal");
  AddCommonOptions(*command, common);
  return [&common, settings] {
    logging::Init(common.log_level);
    auto services = RecordServices::Open(common);
    if (!services) return 1;
    // A path (people) names its object (person) as well as the object's own name does.
    std::string object = settings->object;
    for (const meta::ObjectDef& def : services->registry->Get()->objects()) {
      if (def.path == object) object = def.name;
    }
    domain::ExportRequest request;
    request.format = *domain::ParseExportFormat(settings->format);
    request.filter = settings->filter;
    request.sort = settings->sort;
    request.fields = settings->fields;
    request.include_deleted = settings->include_deleted;
    auto exporter = domain::RecordExport::Start(*services->records, domain::Caller::System(), object, std::move(request));
    if (!exporter.ok()) {
      std::cerr << "rapport: " << exporter.error().message << "\n";
      return 1;
    }
    std::ofstream file;
    std::ostream* out = &std::cout;
    if (!settings->output.empty()) {
      file.open(settings->output, std::ios::binary | std::ios::trunc);
      if (!file) {
        std::cerr << "rapport: cannot write " << settings->output << "\n";
        return 1;
      }
      out = &file;
    }
    // Progress: at most two lines a second, with the bytes written so far.
    const bool show_progress = settings->progress || isatty(fileno(stderr)) != 0;
    const auto start = std::chrono::steady_clock::now();
    auto last = start;
    std::uint64_t bytes = 0;
    while (true) {
      auto part = exporter->Next();
      if (!part.ok()) {
        std::cerr << "\nrapport: the export stopped: " << part.error().message << "\n";
        return 1;
      }
      if (!*part) break;
      out->write((*part)->data(), static_cast<std::streamsize>((*part)->size()));
      bytes += (*part)->size();
      const auto now = std::chrono::steady_clock::now();
      if (show_progress && now - last > std::chrono::milliseconds(500)) {
        last = now;
        const double seconds = std::chrono::duration<double>(now - start).count();
        std::fprintf(stderr, "\rexport: %.1f MB written, %.1f MB/s", bytes / 1e6, bytes / 1e6 / seconds);
      }
    }
    out->flush();
    if (!*out) {
      std::cerr << "\nrapport: writing the export failed\n";
      return 1;
    }
    if (show_progress) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr, "\rexport: %.1f MB in %.1f s\n", bytes / 1e6, seconds);
    }
    return 0;
  };
}

}  // namespace rapport::cli
