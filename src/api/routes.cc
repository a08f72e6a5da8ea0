#include "api/routes.h"

#include "api/dates_handler.h"
#include "api/export_handler.h"
#include "api/health_handler.h"
#include "api/imports_handler.h"
#include "api/merge_handler.h"
#include "api/meta_handler.h"
#include "api/openapi_handler.h"
#include "api/static_handler.h"
#include "api/timeline_handler.h"
#include "api/records_handler.h"

namespace rapport::api {

void AddRoutes(http::Router& router, App& app) {
  using http::bhttp::verb;
  router.Add(verb::get, "/healthz", HealthHandler::Live());
  router.Add(verb::get, "/readyz", HealthHandler::Ready(app));
  router.Add(verb::get, "/metrics", HealthHandler::Metrics(app));
  router.Add(verb::get, "/api/v1/openapi.json", OpenApiHandler::Document(app));

  router.Add(verb::get, "/api/v1/meta", MetaHandler::Get(app));
  router.Add(verb::post, "/api/v1/meta/objects", MetaHandler::AddObject(app));
  router.Add(verb::post, "/api/v1/meta/objects/{object}/fields", MetaHandler::AddField(app));
  router.Add(verb::patch, "/api/v1/meta/objects/{object}/fields/{field}", MetaHandler::UpdateField(app));
  router.Add(verb::delete_, "/api/v1/meta/objects/{object}/fields/{field}", MetaHandler::PurgeField(app));

  RecordsHandler::AddRoutes(router, app);
  MergeHandler::AddRoutes(router, app);
  ExportHandler::AddRoutes(router, app);
  TimelineHandler::AddRoutes(router, app);
  ImportsHandler::AddRoutes(router, app);
  router.Add(verb::get, "/api/v1/people/upcoming_dates", DatesHandler::Upcoming(app));

  router.SetFallback(StaticHandler::WebApp());
}

}  // namespace rapport::api
