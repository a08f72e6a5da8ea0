#include "api/routes.h"

#include "api/dates_handler.h"
#include "api/health_handler.h"
#include "api/openapi_handler.h"
#include "api/static_handler.h"
#include "api/records_handler.h"

namespace rapport::api {

void AddRoutes(http::Router& router, App& app) {
  using http::bhttp::verb;
  router.Add(verb::get, "/healthz", HealthHandler::Live());
  router.Add(verb::get, "/readyz", HealthHandler::Ready(app));
  router.Add(verb::get, "/metrics", HealthHandler::Metrics(app));
  router.Add(verb::get, "/api/v1/openapi.json", OpenApiHandler::Document(app));

  RecordsHandler::AddRoutes(router, app);
  router.Add(verb::get, "/api/v1/people/upcoming_dates", DatesHandler::Upcoming(app));

  router.SetFallback(StaticHandler::WebApp());
}

}  // namespace rapport::api
