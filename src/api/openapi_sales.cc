#include "api/openapi_sales.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

namespace rapport::api {
namespace {

namespace bj = boost::json;
constexpr std::string_view kTag = "Sales";

bj::object Ref(std::string_view section, std::string_view name) {
  return {{"$ref", "#/components/" + std::string(section) + "/" + std::string(name)}};
}

bj::object Json(bj::value schema) { return {{"application/json", bj::object{{"schema", std::move(schema)}}}}; }

bj::object Answer(std::string_view description, bj::value schema) {
  return {{"description", description}, {"content", Json(std::move(schema))}};
}

bj::object Op(std::string id, std::string summary, std::string description, bj::object responses,
              std::initializer_list<int> problems) {
  for (int status : problems) {
    std::string_view name = status == 400   ? "BadRequest"
                            : status == 401 ? "Unauthorized"
                            : status == 403 ? "Forbidden"
                            : status == 404 ? "NotFound"
                            : status == 412 ? "PreconditionFailed"
                            : status == 422 ? "UnprocessableEntity"
                                            : "Unavailable";
    responses[std::to_string(status)] = Ref("responses", name);
  }
  return {{"operationId", std::move(id)}, {"summary", std::move(summary)}, {"description", std::move(description)},
          {"tags", bj::array{kTag}}, {"responses", std::move(responses)}};
}

bj::object Integer() { return {{"type", "integer"}, {"format", "int64"}}; }
bj::object DateTime() { return {{"type", "string"}, {"format", "date-time"}}; }

bj::object Money() {
  return {{"type", "object"},
          {"properties", bj::object{{"micros", Integer()}, {"currency", bj::object{{"type", "string"}}}}}};
}

bj::object Settings() {
  return {{"type", "object"},
          {"additionalProperties", false},
          {"properties", bj::object{{"sales.base_currency", bj::object{{"type", "string"}, {"pattern", "^[A-Z]{3}$"}}},
                                    {"lifecycle.repeat_window_days", bj::object{{"type", "integer"}, {"minimum", 1}}},
                                    {"lifecycle.loyal_purchases", bj::object{{"type", "integer"}, {"minimum", 2}}},
                                    {"lifecycle.loyal_revenue_micros", bj::object{{"type", "integer"}, {"minimum", 1}}},
                                    {"lifecycle.churn_days", bj::object{{"type", "integer"}, {"minimum", 1}}}}}};
}

}  // namespace

bj::object SalesPaths() {
  bj::object paths;
  bj::object move = Op("moveDeal", "Move a deal to a stage and position in one step",
                       "Sets the deal's stage and (optionally) its position within the stage in one update: one new "
                       "version, one deal_move in the history (who, when, from, to). Without a position the deal goes "
                       "to the end of the stage. A stage of another pipeline is 422 naming `stage`. If-Match applies.",
                       bj::object{{"200", Answer("The moved deal.", Ref("schemas", "Deal"))}},
                       {400, 401, 403, 404, 412, 422, 503});
  move["parameters"] = bj::array{Ref("parameters", "Id"), Ref("parameters", "IfMatch")};
  move["requestBody"] = bj::object{
      {"required", true},
      {"content", Json(bj::object{{"type", "object"},
                                  {"additionalProperties", false},
                                  {"required", bj::array{"stage"}},
                                  {"properties", bj::object{{"stage", Integer()}, {"position", Integer()}}}})}};
  paths["/api/v1/deals/{id}/move"] = bj::object{{"post", std::move(move)}};

  bj::object convert =
      Op("convertLead", "Convert a lead into a customer, optionally opening a deal, in one transaction",
         "The person (a lead or prospect) becomes a customer, a stage change with `reason`; with `deal` (deal fields, "
         "the person and their organization by default) the deal opens in the same transaction. When the deal is "
         "refused, neither is written; its problems name `deal.<field>`. A person past lead is 422.",
         bj::object{{"200", Answer("The customer and the deal (or null).",
                                   bj::object{{"type", "object"},
                                              {"properties", bj::object{{"person", Ref("schemas", "Person")},
                                                                        {"deal", bj::object{{"oneOf", bj::array{Ref("schemas", "Deal"), bj::object{{"type", "null"}}}}}}}}})}},
         {400, 401, 403, 404, 422, 503});
  convert["parameters"] = bj::array{Ref("parameters", "Id")};
  convert["requestBody"] = bj::object{
      {"required", false},
      {"content", Json(bj::object{{"type", "object"},
                                  {"additionalProperties", false},
                                  {"properties", bj::object{{"deal", Ref("schemas", "DealCreate")},
                                                            {"reason", bj::object{{"type", "string"}}}}}})}};
  paths["/api/v1/people/{id}/convert"] = bj::object{{"post", std::move(convert)}};

  bj::object row{{"type", "object"},
                 {"properties", bj::object{{"key", bj::object{{"type", bj::array{"string", "integer", "null"}}}},
                                           {"currency", bj::object{{"type", "string"}}},
                                           {"open", Money()},
                                           {"weighted", Money()},
                                           {"won", Money()},
                                           {"deals", Integer()}}}};
  bj::object forecast =
      Op("getForecast", "Forecast: weighted open deal value and won value per month, owner or pipeline",
         "Per group and currency: the open deals' amount, that amount weighted by their stage's win probability, the "
         "won deals' amount and the number of deals. Lost and deleted deals are left out. month groups by the month "
         "of expected_close (null when none), owner and pipeline by their ids.",
         bj::object{{"200", Answer("The forecast.", bj::object{{"type", "object"},
                                                               {"properties", bj::object{{"group", bj::object{{"type", "string"}}},
                                                                                         {"data", bj::object{{"type", "array"}, {"items", row}}}}}})}},
         {400, 401, 403, 422, 503});
  forecast["parameters"] = bj::array{bj::object{{"name", "group"},
                                                {"in", "query"},
                                                {"description", "month (default), owner or pipeline"},
                                                {"schema", bj::object{{"enum", bj::array{"month", "owner", "pipeline"}}}}}};
  paths["/api/v1/forecast"] = bj::object{{"get", std::move(forecast)}};

  bj::object get = Op("getSalesSettings", "The thresholds of the sales rules", "Every key with its value or default.",
                      bj::object{{"200", Answer("The settings.", Settings())}}, {401, 403, 503});
  bj::object patch = Op("updateSalesSettings", "Change thresholds of the sales rules (admins)",
                        "Sets the keys given; an unknown key or a bad value is 422 naming it and nothing changes.",
                        bj::object{{"200", Answer("The settings after the change.", Settings())}}, {400, 401, 403, 422, 503});
  patch["requestBody"] = bj::object{{"required", true}, {"content", Json(Settings())}};
  paths["/api/v1/settings/sales"] = bj::object{{"get", std::move(get)}, {"patch", std::move(patch)}};

  paths["/api/v1/lifecycle/sweep"] = bj::object{
      {"post", Op("sweepLifecycle", "Move inactive customers to churned (admins)",
                  "Customers, repeat and loyal customers with neither a purchase nor a touch for lifecycle.churn_days "
                  "move to churned, each a stage change with its reason. Also `rapport lifecycle sweep`.",
                  bj::object{{"200", Answer("How many moved.", bj::object{{"type", "object"},
                                                                          {"properties", bj::object{{"churned", Integer()}}}})}},
                  {401, 403, 503})}};
  bj::object form = Op(
      "postWebForm", "A visitor posts a lead form (public)",
      "No credentials: websites post here. The web form `key` (a web_forms record) says which person fields are "
      "kept (email always; anything else is ignored), the source and owner of new leads, a redirect and the posts "
      "per minute from one address (then 429 with Retry-After). The person with that email (case aside) is updated, "
      "or created as a lead; a `web` interaction logs the post with `message` as its summary. A value in the hidden "
      "honeypot field `website` gets the same answer and writes nothing. An HTML form whose web form has a "
      "redirect_url gets a 303 there.",
      bj::object{{"200", Answer("Received.", bj::object{{"type", "object"},
                                                        {"properties", bj::object{{"received", bj::object{{"const", true}}}}}})},
                 {"303", bj::object{{"description", "Received; the browser goes to the form's redirect_url."}}},
                 {"429", Ref("responses", "TooManyRequests")}},
      {400, 404, 503});
  form["security"] = bj::array{};
  form["parameters"] = bj::array{bj::object{{"name", "key"},
                                            {"in", "path"},
                                            {"required", true},
                                            {"description", "The web form's key."},
                                            {"schema", bj::object{{"type", "string"}}}}};
  bj::object fields{{"type", "object"}, {"additionalProperties", true},
                    {"properties", bj::object{{"email", bj::object{{"type", "string"}, {"format", "email"}}},
                                              {"message", bj::object{{"type", "string"}, {"maxLength", 10000}}},
                                              {"website", bj::object{{"type", "string"}, {"description", "The honeypot: leave empty."}}}}},
                    {"required", bj::array{"email"}}};
  form["requestBody"] = bj::object{{"required", true},
                                   {"content", bj::object{{"application/x-www-form-urlencoded", bj::object{{"schema", fields}}},
                                                          {"application/json", bj::object{{"schema", fields}}}}}};
  paths["/forms/{key}"] = bj::object{{"post", std::move(form)}};
  auto query = [](std::string_view name, std::string_view description, bj::object schema) {
    return bj::object{{"name", name}, {"in", "query"}, {"description", description}, {"schema", std::move(schema)}};
  };
  const bj::array window{
      query("min_orders", "Orders that must hold both (default 1).", bj::object{{"type", "integer"}, {"minimum", 1}}),
      query("limit", "At most this many, 1 to 100 (default 20).",
            bj::object{{"type", "integer"}, {"minimum", 1}, {"maximum", 100}})};
  const bj::object number{{"type", "number"}};
  const bj::object product{{"type", "object"}, {"properties", bj::object{{"id", Integer()}, {"name", bj::object{{"type", "string"}}}}}};
  bj::object pair{{"type", "object"},
                  {"properties", bj::object{{"a", product}, {"b", product}, {"orders", Integer()}, {"support", number},
                                            {"confidence_ab", number}, {"confidence_ba", number}, {"lift", number}}}};
  bj::object pairs = Op("listProductPairs", "Products bought together more often than chance",
                        "Pairs of products in the same paid orders of the counted window (see refreshCrossSell) with lift above 1 (support / "
                        "(P(a) P(b))), highest lift first. A product counts once per order.",
                        bj::object{{"200", Answer("The pairs.", bj::object{{"type", "object"},
                                                                         {"properties", bj::object{{"days", Integer()}, {"refreshed_at", DateTime()},
                                                                                                   {"data", bj::object{{"type", "array"}, {"items", pair}}}}}})}},
                        {400, 401, 503});
  pairs["parameters"] = window;
  paths["/api/v1/cross_sell/pairs"] = bj::object{{"get", std::move(pairs)}};
  bj::object suggestion{{"type", "object"},
                        {"properties", bj::object{{"product", product}, {"orders", Integer()}, {"confidence", number},
                                                  {"lift", number}}}};
  for (const auto& [path, label] : {std::pair{"people", "person"}, std::pair{"organizations", "organization"}}) {
    bj::object op = Op(std::string("list") + (std::string_view(label) == "person" ? "Person" : "Organization") + "Suggestions",
                       std::string("What to offer this ") + label,
                       "Active products the customer has not bought (paid orders, ever) that others who bought one of "
                       "theirs bought in the counted window (summed over their products), with lift above 1, best first. "
                       "404 for a customer the caller may "
                       "not see.",
                       bj::object{{"200", Answer("The suggestions.", bj::object{{"type", "object"},
                                                                                {"properties", bj::object{{"days", Integer()}, {"refreshed_at", DateTime()},
                                                                                                          {"data", bj::object{{"type", "array"}, {"items", suggestion}}}}}})}},
                       {400, 401, 404, 503});
    bj::array parameters{Ref("parameters", "Id")};
    for (const bj::value& w : window) parameters.push_back(w);
    op["parameters"] = std::move(parameters);
    paths[fmt::format("/api/v1/{}/{{id}}/suggestions", path)] = bj::object{{"get", std::move(op)}};
  }
  const bj::object customer{{"type", "object"},
                            {"properties", bj::object{{"object", bj::object{{"type", "string"}, {"enum", bj::array{"person", "organization"}}}},
                                                      {"id", Integer()}, {"name", bj::object{{"type", "string"}}}}}};
  bj::object for_owner = Op(
      "listOwnerSuggestions", "What to offer an owner's customers",
      "For the latest 25 buyers among the people and organizations the owner owns (the caller by default), "
      "each one's best suggestion as /people/{id}/suggestions ranks them; customers without one, or that the "
      "caller may not see, are left out. Best lift first.",
      bj::object{{"200", Answer("The suggestions.",
                                bj::object{{"type", "object"},
                                           {"properties", bj::object{{"owner", Integer()}, {"days", Integer()},
                                                                     {"refreshed_at", DateTime()},
                                                                     {"data", bj::object{{"type", "array"},
                                                                                         {"items", bj::object{{"type", "object"},
                                                                                                              {"properties", bj::object{{"customer", customer},
                                                                                                                                        {"suggestion", suggestion}}}}}}}}}})}},
      {400, 401, 503});
  bj::array owner_parameters{query("owner", "The owner's user id (default: the caller).", Integer())};
  for (const bj::value& w : window) owner_parameters.push_back(w);
  for_owner["parameters"] = std::move(owner_parameters);
  paths["/api/v1/cross_sell/suggestions"] = bj::object{{"get", std::move(for_owner)}};
  bj::object refresh = Op(
      "refreshCrossSell", "Count the cross-sell pairs again (admins)",
      "Counts, over the paid orders of the last `days` days (default: the stored window's, else 365), the "
      "orders holding each product and each product's 100 most frequent partners, replacing the stored "
      "counts that pairs and suggestions read. The daily lifecycle sweep does the same.",
      bj::object{{"200", Answer("The window counted.",
                                bj::object{{"type", "object"},
                                           {"properties", bj::object{{"days", Integer()}, {"since", DateTime()},
                                                                     {"orders", Integer()}, {"refreshed_at", DateTime()}}}})}},
      {400, 401, 403, 503});
  refresh["parameters"] = bj::array{query("days", "The window in days, 1 to 3650.",
                                          bj::object{{"type", "integer"}, {"minimum", 1}, {"maximum", 3650}})};
  paths["/api/v1/cross_sell/refresh"] = bj::object{{"post", std::move(refresh)}};
  paths["/api/v1/purchases/recompute"] = bj::object{
      {"post", Op("recomputePurchases", "Recompute every purchase figure from the orders (admins)",
                  "Sets every person's and organization's purchase figures from scratch; also `rapport recompute "
                  "purchases`. The figures are kept in step with every order change, so this changes nothing unless "
                  "the data was changed outside the API.",
                  bj::object{{"200", Answer("How many records changed.", bj::object{{"type", "object"},
                                                                                   {"properties", bj::object{{"changed", Integer()}}}})}},
                  {401, 403, 503})}};
  return paths;
}

}  // namespace rapport::api
