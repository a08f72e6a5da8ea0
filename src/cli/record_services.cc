#include "cli/record_services.h"

#include <iostream>

#include "cli/database.h"
#include "domain/builtin_hooks.h"
#include "domain/meta/meta_service.h"

namespace rapport::cli {

std::unique_ptr<RecordServices> RecordServices::Open(const CommonSettings& common, const store::OpenOptions& options) {
  auto services = std::make_unique<RecordServices>();
  services->db = OpenAndMigrate(common, options);
  if (!services->db) return nullptr;
  auto loaded = domain::MetaService::Load(*services->db);
  if (!loaded.ok()) {
    std::cerr << "rapport: cannot load the metadata: " << loaded.error().message << "\n";
    return nullptr;
  }
  services->registry = std::make_unique<meta::RegistryHolder>(std::move(*loaded));
  services->hooks = domain::BuiltinHooks();
  services->records =
      std::make_unique<domain::RecordService>(*services->db, *services->registry, services->clock, services->hooks);
  return services;
}

}  // namespace rapport::cli
