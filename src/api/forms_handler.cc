#include "api/forms_handler.h"

#include <boost/url/parse_query.hpp>

#include "api/reply.h"
#include "common/json.h"
#include "common/utf8.h"
#include "domain/forms/web_form.h"
#include "http/offload.h"

namespace rapport::api {
namespace {

namespace bj = boost::json;
using http::bhttp::field;
using http::bhttp::status;
using http::bhttp::verb;
using Awaitable = boost::asio::awaitable<http::Response>;

constexpr std::string_view kUrlEncoded = "application/x-www-form-urlencoded";

// The posted fields: an HTML form's pairs ('+' is a space; a repeated name keeps the last) or a
// JSON object's members.
Result<bj::object> PostedValues(const http::RequestContext& ctx, const std::string& type) {
  if (type == "application/json") return json::ParseObject(ctx.request.body());
  if (type != kUrlEncoded) {
    return BadInput("Content-Type", "must be application/x-www-form-urlencoded (an HTML form) or application/json");
  }
  const std::string text(ctx.request.body());  // NUL-terminated: Boost.URL 1.81 measures with strlen
  auto pairs = boost::urls::parse_query(text);
  if (!pairs) return BadInput("body", "is not valid form encoding");
  boost::urls::encoding_opts plus_is_space;
  plus_is_space.space_as_plus = true;
  bj::object values;
  for (auto pair : *pairs) {
    std::string name = pair.key.decode(plus_is_space);
    std::string value = pair.has_value ? pair.value.decode(plus_is_space) : std::string();
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) return BadInput("body", "must be valid UTF-8");
    values[name] = std::move(value);
  }
  return values;
}

http::Handler Post(App& app) {
  return [&app](http::RequestContext& ctx) -> Awaitable {
    const std::string type = MediaType(ctx);
    auto values = PostedValues(ctx, type);
    if (!values.ok()) co_return Problem(ctx, values.error());
    domain::FormSubmission submission{std::string(ctx.Param("key")), std::move(*values), ctx.remote.to_string(),
                                      ctx.request_id};
    auto result = co_await http::Offload(app.blocking, [&] {
      return domain::SubmitWebForm(app.records, app.form_posts, submission, app.clock.Now());
    });
    if (!result.ok()) co_return Problem(ctx, result.error());
    if (type == kUrlEncoded && !result->redirect_url.empty()) {
      http::Response response{status::see_other, ctx.request.version()};
      response.set(field::location, result->redirect_url);
      response.prepare_payload();  // Content-Length: 0, so the connection can carry on
      co_return response;
    }
    co_return Json(ctx, status::ok, bj::object{{"received", true}});
  };
}

}  // namespace

void FormsHandler::AddRoutes(http::Router& router, App& app) {
  router.Add(verb::post, "/forms/{key}", Post(app), http::RouteAccess::kPublic);
}

}  // namespace rapport::api
