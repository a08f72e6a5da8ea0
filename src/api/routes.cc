#include "api/routes.h"

#include "api/audit_handler.h"
#include "api/auth_handler.h"
#include "api/cross_sell_handler.h"
#include "api/dates_handler.h"
#include "api/export_handler.h"
#include "api/forms_handler.h"
#include "api/health_handler.h"
#include "api/imports_handler.h"
#include "api/merge_handler.h"
#include "api/meta_handler.h"
#include "api/openapi_handler.h"
#include "api/privacy_handler.h"
#include "api/static_handler.h"
#include "api/timeline_handler.h"
#include "api/records_handler.h"
#include "api/sales_handler.h"

namespace rapport::api {

void AddRoutes(http::Router& router, App& app) {
  using http::RouteAccess;
  using http::bhttp::verb;
  // Public: health for load balancers, sign-in, and the web app's files (the router's fallback).
  // Every other route needs a signed-in caller (api/auth_middleware.h); a test lists them all.
  router.Add(verb::get, "/healthz", HealthHandler::Live(), RouteAccess::kPublic);
  router.Add(verb::get, "/readyz", HealthHandler::Ready(app), RouteAccess::kPublic);
  // Public: websites post lead forms here from visitors' browsers. A form only creates or updates a
  // person by email and logs an interaction, within the fields its admin chose, behind a honeypot
  // and a per-address rate (api/forms_handler.h); it reads nothing back.
  FormsHandler::AddRoutes(router, app);
  router.Add(verb::get, "/metrics", HealthHandler::Metrics(app), RouteAccess::kAdmin);
  router.Add(verb::get, "/api/v1/openapi.json", OpenApiHandler::Document(app));
  AuthHandler::AddRoutes(router, app);

  router.Add(verb::get, "/api/v1/meta", MetaHandler::Get(app));
  router.Add(verb::post, "/api/v1/meta/objects", MetaHandler::AddObject(app), RouteAccess::kAdmin);
  router.Add(verb::post, "/api/v1/meta/objects/{object}/fields", MetaHandler::AddField(app), RouteAccess::kAdmin);
  router.Add(verb::patch, "/api/v1/meta/objects/{object}/fields/{field}", MetaHandler::UpdateField(app),
             RouteAccess::kAdmin);
  router.Add(verb::delete_, "/api/v1/meta/objects/{object}/fields/{field}", MetaHandler::PurgeField(app),
             RouteAccess::kAdmin);

  RecordsHandler::AddRoutes(router, app);
  MergeHandler::AddRoutes(router, app);
  ExportHandler::AddRoutes(router, app);
  TimelineHandler::AddRoutes(router, app);
  AuditHandler::AddRoutes(router, app);
  PrivacyHandler::AddRoutes(router, app);
  ImportsHandler::AddRoutes(router, app);
  SalesHandler::AddRoutes(router, app);
  CrossSellHandler::AddRoutes(router, app);
  router.Add(verb::get, "/api/v1/people/upcoming_dates", DatesHandler::Upcoming(app));

  router.SetFallback(StaticHandler::WebApp());
}

}  // namespace rapport::api
