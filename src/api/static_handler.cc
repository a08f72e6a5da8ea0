#include "api/static_handler.h"

#include <fmt/format.h>

#include <functional>
#include <string>
#include <unordered_map>

#include "common/embedded.h"
#include "http/responses.h"

namespace rapport::embedded {
std::span<const EmbeddedFile> WebFiles();
}  // namespace rapport::embedded

namespace rapport::api {
namespace {

std::string_view ContentType(std::string_view path) {
  static const std::unordered_map<std::string_view, std::string_view> kTypes = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"}, {".webmanifest", "application/manifest+json"}};
  auto dot = path.rfind('.');
  if (dot != std::string_view::npos) {
    auto it = kTypes.find(path.substr(dot));
    if (it != kTypes.end()) return it->second;
  }
  return "application/octet-stream";
}

struct Asset {
  std::string_view data;
  std::string_view type;
  std::string etag;
};

}  // namespace

http::Handler StaticHandler::WebApp() {
  auto assets = std::make_shared<std::unordered_map<std::string, Asset>>();
  for (const EmbeddedFile& f : embedded::WebFiles()) {
    (*assets)["/" + std::string(f.path)] =
        Asset{f.data, ContentType(f.path), fmt::format("\"{:x}\"", std::hash<std::string_view>{}(f.data))};
  }
  return [assets](http::RequestContext& ctx) -> boost::asio::awaitable<http::Response> {
    auto it = assets->find(std::string(ctx.path));
    bool is_file = it != assets->end();
    if (!is_file) it = assets->find("/index.html");
    const Asset& asset = it->second;
    auto if_none_match = ctx.request.find(http::bhttp::field::if_none_match);
    if (if_none_match != ctx.request.end() && if_none_match->value() == asset.etag) {
      http::Response response(http::bhttp::status::not_modified, ctx.request.version());
      response.set(http::bhttp::field::etag, asset.etag);
      co_return response;
    }
    http::Response response =
        http::TextResponse(http::bhttp::status::ok, std::string(asset.data), asset.type, ctx.request.version());
    response.set(http::bhttp::field::etag, asset.etag);
    // Hashed bundle files never change; pages must be revalidated to pick up a new release.
    response.set(http::bhttp::field::cache_control,
                 is_file && ctx.path.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    co_return response;
  };
}

}  // namespace rapport::api
