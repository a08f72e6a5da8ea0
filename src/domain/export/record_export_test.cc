#include "domain/export/record_export.h"

#include <gtest/gtest.h>

#include "tests/support/record_test_bed.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;

class RecordExportTest : public ::testing::Test {
 protected:
  void SetUp() override { bed_.SetUp(); }

  void Create(std::string_view json) {
    auto created = bed_.records().Create(Caller::System(), "person", bj::parse(json).as_object(), {});
    ASSERT_TRUE(created.ok()) << created.error().message;
  }

  // The whole export, and how many parts it came in.
  std::pair<std::string, int> Run(ExportRequest request) {
    auto exporter = RecordExport::Start(bed_.records(), Caller::System(), "person", std::move(request));
    EXPECT_TRUE(exporter.ok()) << exporter.error().message;
    std::string out;
    int parts = 0;
    if (!exporter.ok()) return {out, parts};
    while (true) {
      auto part = exporter->Next();
      EXPECT_TRUE(part.ok());
      if (!part.ok() || !*part) break;
      out += **part;
      ++parts;
    }
    return {out, parts};
  }

  rapport::testing::RecordTestBed bed_;
};

TEST_F(RecordExportTest, CsvQuotesWhatNeedsItAndPagesCoverEveryRecordOnce) {
  Create(R"({"first_name": "Ada", "last_name": "Lovelace, Countess", "tags": ["vip", "math"]})");
  Create(R"({"first_name": "Grace", "last_name": "Hopper", "job_title": "Rear \"Amazing\" Admiral"})");
  Create(R"({"first_name": "Line", "last_name": "Break", "job_title": "one\ntwo"})");
  Create(R"({"first_name": "Bob", "last_name": "Builder"})");
  Create(R"({"first_name": "Zoë", "last_name": "Müller"})");
  ExportRequest request;
  request.fields = {"first_name", "last_name", "job_title", "tags"};
  request.sort = "first_name";
  request.page_records = 2;
  auto [csv, parts] = Run(request);
  EXPECT_EQ(parts, 3);  // 5 records, 2 a page
  EXPECT_EQ(csv,
            "id,first_name,last_name,job_title,tags,created_at,updated_at\r\n"
            "1,Ada,\"Lovelace, Countess\",,math; vip,2023-11-14T22:13:20.000Z,2023-11-14T22:13:20.000Z\r\n"
            "4,Bob,Builder,,,2023-11-14T22:13:20.000Z,2023-11-14T22:13:20.000Z\r\n"
            "2,Grace,Hopper,\"Rear \"\"Amazing\"\" Admiral\",,2023-11-14T22:13:20.000Z,2023-11-14T22:13:20.000Z\r\n"
            "3,Line,Break,\"one\ntwo\",,2023-11-14T22:13:20.000Z,2023-11-14T22:13:20.000Z\r\n"
            "5,Zoë,Müller,,,2023-11-14T22:13:20.000Z,2023-11-14T22:13:20.000Z\r\n");
}

TEST_F(RecordExportTest, NdjsonIsOneRecordALineAndFiltersApply) {
  Create(R"({"first_name": "Ada", "lifecycle_stage": "customer"})");
  Create(R"({"first_name": "Grace", "lifecycle_stage": "lead"})");
  Create(R"({"first_name": "Hedy", "lifecycle_stage": "customer"})");
  ExportRequest request;
  request.format = ExportFormat::kNdjson;
  request.filter = "lifecycle_stage = 'customer'";
  auto [ndjson, parts] = Run(request);
  EXPECT_EQ(parts, 1);
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start < ndjson.size()) {
    std::size_t end = ndjson.find('\n', start);
    ASSERT_NE(end, std::string::npos);
    bj::object record = bj::parse(ndjson.substr(start, end - start)).as_object();
    EXPECT_TRUE(record.contains("version"));  // the whole record as the API renders it
    names.emplace_back(record.at("first_name").as_string());
    start = end + 1;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Ada", "Hedy"}));
}

TEST_F(RecordExportTest, BadRequestsFailBeforeTheFirstByte) {
  ExportRequest unknown_field;
  unknown_field.fields = {"first_name", "shoe_size"};
  auto a = RecordExport::Start(bed_.records(), Caller::System(), "person", unknown_field);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().fields.at(0).field, "fields");
  ExportRequest bad_filter;
  bad_filter.filter = "first_name = ";
  auto b = RecordExport::Start(bed_.records(), Caller::System(), "person", bad_filter);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(RecordExport::Start(bed_.records(), Caller::System(), "starship", {}).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace rapport::domain
