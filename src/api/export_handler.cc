#include "api/export_handler.h"

#include <fmt/format.h>

#include <memory>

#include "api/reply.h"
#include "api/request_caller.h"
#include "common/utf8.h"
#include "domain/export/record_export.h"
#include "http/offload.h"

namespace rapport::api {
namespace {

using http::bhttp::field;
using http::bhttp::status;
using http::bhttp::verb;
using Awaitable = boost::asio::awaitable<http::Response>;

Result<domain::ExportRequest> ExportParams(const http::RequestContext& ctx) {
  auto params = ctx.QueryParams();
  if (!params) return BadInput("query", "is not valid percent-encoding");
  domain::ExportRequest request;
  for (const auto& [name, value] : *params) {
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) return BadInput(IsValidUtf8(name) ? name : "query", "must be valid UTF-8");
    if (name == "format") {
      auto format = domain::ParseExportFormat(value);
      if (!format) return BadInput("format", "must be csv, ndjson or vcard");
      request.format = *format;
    } else if (name == "filter") {
      request.filter = value;
    } else if (name == "sort") {
      request.sort = value;
    } else if (name == "fields") {
      request.fields = CommaList(value);
    } else if (name == "include_deleted") {
      if (value != "true" && value != "false") return BadInput("include_deleted", "must be true or false");
      request.include_deleted = value == "true";
    } else {
      return BadInput(name, "is not a parameter of an export (format, filter, sort, fields, include_deleted)");
    }
  }
  return request;
}

http::Handler Export(App& app, std::string object, std::string path) {
  return [&app, object, path](http::RequestContext& ctx) -> Awaitable {
    auto request = ExportParams(ctx);
    if (!request.ok()) co_return Problem(ctx, request.error());
    const domain::ExportFormat format = request->format;
    auto started = co_await http::Offload(
        app.blocking, [&] { return domain::RecordExport::Start(app.records, CallerOf(ctx), object, std::move(*request)); });
    if (!started.ok()) co_return Problem(ctx, started.error());
    auto exporter = std::make_shared<domain::RecordExport>(std::move(*started));
    ctx.body_stream = [&app, exporter]() -> boost::asio::awaitable<Result<std::optional<std::string>>> {
      co_return co_await http::Offload(app.blocking, [&] { return exporter->Next(); });
    };
    const auto [media_type, extension] =
        format == domain::ExportFormat::kCsv      ? std::pair{"text/csv; charset=utf-8", "csv"}
        : format == domain::ExportFormat::kNdjson ? std::pair{"application/x-ndjson", "ndjson"}
                                                  : std::pair{"text/vcard; charset=utf-8", "vcf"};
    http::Response response{status::ok, ctx.request.version()};
    response.set(field::content_type, media_type);
    response.set(field::content_disposition, fmt::format("attachment; filename=\"{}.{}\"", path, extension));
    co_return response;
  };
}

}  // namespace

void ExportHandler::AddRoutes(http::Router& router, App& app) {
  auto registry = app.registry.Get();
  for (const meta::ObjectDef& object : registry->objects()) {
    if (!object.path.empty()) {
      router.Add(verb::get, fmt::format("/api/v1/{}/export", object.path), Export(app, object.name, object.path));
    }
  }
}

}  // namespace rapport::api
