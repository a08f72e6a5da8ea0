#include "api/routes.h"

#include "api/health_handler.h"
#include "api/static_handler.h"
#include "api/tags_handler.h"

namespace rapport::api {

void AddRoutes(http::Router& router, App& app) {
  using http::bhttp::verb;
  router.Add(verb::get, "/healthz", HealthHandler::Live());
  router.Add(verb::get, "/readyz", HealthHandler::Ready(app));
  router.Add(verb::get, "/metrics", HealthHandler::Metrics(app));

  router.Add(verb::get, "/api/v1/tags", TagsHandler::List(app));
  router.Add(verb::post, "/api/v1/tags", TagsHandler::Create(app));
  router.Add(verb::get, "/api/v1/tags/{id}", TagsHandler::Get(app));

  router.SetFallback(StaticHandler::WebApp());
}

}  // namespace rapport::api
