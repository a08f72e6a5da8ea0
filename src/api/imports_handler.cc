#include "api/imports_handler.h"

#include <fmt/format.h>

#include <sstream>

#include "api/reply.h"
#include "api/request_caller.h"
#include "common/csv_reader.h"
#include "common/json.h"
#include "domain/import/importer.h"
#include "http/offload.h"

namespace rapport::api {
namespace {

namespace bj = boost::json;
using http::bhttp::field;
using http::bhttp::status;
using http::bhttp::verb;
using Awaitable = boost::asio::awaitable<http::Response>;

struct Params {
  domain::ImportOptions options;
};

// dry_run, map (a JSON object: header → field, "" or null to ignore the column) and delimiter.
Result<Params> ParseParams(const http::RequestContext& ctx) {
  auto query = ctx.QueryParams();
  if (!query) return BadInput("query", "is not valid percent-encoding");
  Params params;
  for (const auto& [name, value] : *query) {
    if (name == "dry_run") {
      if (value != "true" && value != "false") return BadInput("dry_run", "must be true or false");
      params.options.dry_run = value == "true";
    } else if (name == "delimiter") {
      if (value == "," || value == ";") {
        params.options.delimiter = value[0];
      } else if (value == "tab" || value == "\t") {
        params.options.delimiter = '\t';
      } else {
        return BadInput("delimiter", "must be ',', ';' or tab");
      }
    } else if (name == "map") {
      auto map = json::ParseObject(value);
      if (!map.ok()) return BadInput("map", "must be a JSON object of header: field");
      for (const auto& kv : *map) {
        if (kv.value().is_null()) {
          params.options.mapping.emplace_back(std::string(kv.key()), "");
        } else if (kv.value().is_string()) {
          params.options.mapping.emplace_back(std::string(kv.key()), std::string(kv.value().get_string()));
        } else {
          return BadInput("map", fmt::format("'{}' must map to a field name or null", std::string(kv.key()).substr(0, 100)));
        }
      }
    } else {
      return BadInput(name.substr(0, 64), "is not a parameter of an import (dry_run, map, delimiter)");
    }
  }
  return params;
}

// text/csv (or application/csv, text/plain, or none said): a CSV file; text/vcard (or
// text/x-vcard): vCards. The result: whether the body is vCards.
Result<bool> IsVCardBody(const http::RequestContext& ctx) {
  const std::string type = MediaType(ctx);
  if (type.empty()) return false;
  if (type == "text/csv" || type == "application/csv" || type == "text/plain") return false;
  if (type == "text/vcard" || type == "text/x-vcard") return true;
  return BadInput("Content-Type", "must be text/csv (a CSV file) or text/vcard (vCards)");
}

bj::object SummaryJson(const domain::ImportSummary& s, const std::vector<domain::RowProblem>& problems) {
  bj::array columns;
  for (std::size_t i = 0; i < s.mapping.headers.size(); ++i) {
    columns.push_back(bj::object{{"header", s.mapping.headers[i]},
                                 {"field", s.mapping.fields[i].empty() ? bj::value(nullptr) : bj::value(s.mapping.fields[i])}});
  }
  bj::array ignored;
  for (const std::string& h : s.mapping.ignored) ignored.emplace_back(h);
  bj::object linked;
  for (const auto& [object, n] : s.linked_created) linked[object] = n;
  bj::array errors;
  for (const domain::RowProblem& p : problems) {
    errors.push_back(bj::object{{"row", p.row}, {"field", p.field}, {"problem", p.message}});
  }
  return bj::object{{"object", s.object},
                    {"dry_run", s.dry_run},
                    {"delimiter", s.delimiter == '\t' ? std::string("tab") : std::string(1, s.delimiter)},
                    {"rows", s.rows},
                    {"created", s.created},
                    {"updated", s.updated},
                    {"unchanged", s.unchanged},
                    {"failed", s.failed},
                    {"columns", std::move(columns)},
                    {"ignored_columns", std::move(ignored)},
                    {"linked_created", std::move(linked)},
                    {"errors", std::move(errors)},
                    {"errors_omitted", s.problems - static_cast<std::int64_t>(problems.size())}};
}

http::Handler Import(App& app, std::string object) {
  return [&app, object](http::RequestContext& ctx) -> Awaitable {
    auto vcards = IsVCardBody(ctx);
    if (!vcards.ok()) co_return Problem(ctx, vcards.error());
    if (*vcards && object != "person") {
      co_return Problem(ctx, BadInput("Content-Type", "text/vcard is imported as people, at /api/v1/imports/people"));
    }
    auto params = ParseParams(ctx);
    if (!params.ok()) co_return Problem(ctx, params.error());
    std::vector<domain::RowProblem> problems;
    params->options.caller = CallerOf(ctx);
    params->options.on_problem = [&problems](const domain::RowProblem& p) {
      if (problems.size() < ImportsHandler::kMaxReportedProblems) problems.push_back(p);
    };
    auto summary = co_await http::Offload(app.blocking, [&]() -> Result<domain::ImportSummary> {
      if (*vcards) {
        std::istringstream in(ctx.request.body());
        return domain::ImportVCards(app.records, in, params->options);
      }
      CsvReader reader = CsvReader::FromString(ctx.request.body(), CsvOptions{.delimiter = params->options.delimiter});
      return domain::ImportCsv(app.records, object, reader, params->options);
    });
    if (!summary.ok()) co_return Problem(ctx, summary.error());
    co_return Json(ctx, status::ok, SummaryJson(*summary, problems));
  };
}

}  // namespace

void ImportsHandler::AddRoutes(http::Router& router, App& app) {
  router.Add(verb::post, "/api/v1/imports/people", Import(app, "person"));
  router.Add(verb::post, "/api/v1/imports/organizations", Import(app, "organization"));
  // Purchase history: orders (by number; the customer by email), then their lines (by order number
  // and product SKU or name), so that purchase figures and lifecycle stages follow.
  router.Add(verb::post, "/api/v1/imports/orders", Import(app, "order"));
  router.Add(verb::post, "/api/v1/imports/order_lines", Import(app, "order_line"));
}

}  // namespace rapport::api
