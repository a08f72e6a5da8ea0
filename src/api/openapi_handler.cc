#include "api/openapi_handler.h"

#include <atomic>
#include <memory>
#include <string>

#include "api/openapi.h"
#include "common/json.h"
#include "common/version.h"
#include "http/responses.h"

namespace rapport::api {
namespace {

// The serialized document and the registry version it describes.
struct CachedDocument {
  std::int64_t version = 0;
  std::string text;
};

// The document of the newest registry asked for. Thread-safe without a lock: a request that finds
// the cache made for another version builds the document (a few milliseconds, on its I/O thread;
// no I/O) and swaps it in. After a metadata change two requests may both build; either result is
// right, so the later store winning is harmless.
class DocumentCache {
 public:
  std::shared_ptr<const CachedDocument> Get(const meta::Registry& registry) {
    std::shared_ptr<const CachedDocument> cached = current_.load(std::memory_order_acquire);
    if (cached && cached->version == registry.version()) return cached;
    auto built = std::make_shared<const CachedDocument>(
        CachedDocument{registry.version(), json::Write(BuildOpenApi(registry, kVersion))});
    current_.store(built, std::memory_order_release);
    return built;
  }

 private:
  std::atomic<std::shared_ptr<const CachedDocument>> current_;
};

}  // namespace

http::Handler OpenApiHandler::Document(App& app) {
  auto cache = std::make_shared<DocumentCache>();
  return [&app, cache](http::RequestContext& ctx) -> boost::asio::awaitable<http::Response> {
    std::shared_ptr<const CachedDocument> document = cache->Get(*app.registry.Get());
    co_return http::TextResponse(http::bhttp::status::ok, document->text, "application/json", ctx.request.version());
  };
}

}  // namespace rapport::api
