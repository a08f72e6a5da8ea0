// Gives a database custom metadata the way the server does, through domain::MetaService: each file
// is a definition in the JSON format of meta/builtin/*.json; one naming an existing object adds its
// fields to that object (AddField), any other adds a custom object (AddObject). tests/openapi/lint.sh
// then lints what `rapport openapi` prints for the database, so the generator is checked on custom
// fields, a custom object and every field type, read back from real metadata rows.
//
// usage: rapport_openapi_fixture DATABASE_URL FILE.json...
#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "common/clock.h"
#include "common/json.h"
#include "common/logging.h"
#include "domain/meta/meta_service.h"
#include "store/migrations.h"

namespace {

namespace bj = boost::json;
using rapport::Status;

int Fail(const rapport::Error& error) {
  std::cerr << "rapport_openapi_fixture: " << error.message << "\n";
  for (const auto& f : error.fields) std::cerr << "  " << f.field << ": " << f.problem << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: rapport_openapi_fixture DATABASE_URL FILE.json...\n";
    return 2;
  }
  rapport::logging::Init("warn");
  auto db = rapport::store::Open(argv[1]);
  if (!db.ok()) return Fail(db.error());
  Status migrated = rapport::store::Migrate(**db, rapport::store::EmbeddedMigrations((*db)->dialect()));
  if (!migrated.ok()) return Fail(migrated.error());
  auto loaded = rapport::domain::MetaService::Load(**db);
  if (!loaded.ok()) return Fail(loaded.error());
  rapport::meta::RegistryHolder registry(*loaded);
  rapport::SystemClock clock;
  rapport::domain::MetaService meta(**db, registry, clock);

  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i]);
    std::ostringstream text;
    text << in.rdbuf();
    auto definition = rapport::json::ParseObject(text.str());
    if (!in || !definition.ok()) {
      std::cerr << "rapport_openapi_fixture: cannot read " << argv[i] << "\n";
      return 1;
    }
    std::string_view object = definition->at("object").as_string();
    if (registry.Get()->FindObject(object) == nullptr) {
      auto added = meta.AddObject(*definition);
      if (!added.ok()) return Fail(added.error());
      continue;
    }
    for (const bj::value& field : definition->at("fields").as_array()) {
      auto added = meta.AddField(object, field);
      if (!added.ok()) return Fail(added.error());
    }
  }
  std::cout << "metadata version " << registry.Get()->version() << "\n";
  rapport::logging::Shutdown();
  return 0;
}
