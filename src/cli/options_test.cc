#include "cli/options.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>

namespace rapport::cli {
namespace {

// Sets or unsets one environment variable for the life of the object, then restores it.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const char* value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) old_ = old;
    if (value != nullptr) {
      setenv(name_.c_str(), value, 1);
    } else {
      unsetenv(name_.c_str());
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_.c_str(), old_->c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

// A config file in the temp dir, removed at the end.
class TempConfig {
 public:
  explicit TempConfig(const std::string& text) {
    std::random_device rd;
    path_ = (std::filesystem::temp_directory_path() / ("rapport-options-" + std::to_string(rd()) + ".toml")).string();
    std::ofstream(path_) << text;
  }
  ~TempConfig() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class OptionsTest : public ::testing::Test {
 protected:
  OptionsTest() {
    app_.add_option("--port", port_);
    app_.add_option("--database", database_);
    app_.add_option("--pool-size", pool_size_);
  }

  // No RAPPORT_* variable of ours leaks in from the environment the tests run in.
  ScopedEnv port_env_{"RAPPORT_PORT", nullptr};
  ScopedEnv database_env_{"RAPPORT_DATABASE", nullptr};
  ScopedEnv pool_size_env_{"RAPPORT_POOL_SIZE", nullptr};
  CLI::App app_{"test"};
  int port_ = 8080;
  std::string database_ = "sqlite:./data/rapport.db";
  int pool_size_ = 0;
};

TEST_F(OptionsTest, DefaultsStayWhenNothingIsSet) {
  app_.parse("", false);
  ApplyEnvironmentAndConfig(app_, "");
  EXPECT_EQ(port_, 8080);
  EXPECT_EQ(database_, "sqlite:./data/rapport.db");
  EXPECT_EQ(pool_size_, 0);
}

TEST_F(OptionsTest, ConfigFileBeatsDefault) {
  TempConfig config("port = 9000\n");
  app_.parse("", false);
  ApplyEnvironmentAndConfig(app_, config.path());
  EXPECT_EQ(port_, 9000);
  EXPECT_EQ(database_, "sqlite:./data/rapport.db");
}

TEST_F(OptionsTest, EnvironmentBeatsConfigFile) {
  TempConfig config("port = 9000\ndatabase = \"sqlite:/from/config.db\"\n");
  ScopedEnv port("RAPPORT_PORT", "9100");
  app_.parse("", false);
  ApplyEnvironmentAndConfig(app_, config.path());
  EXPECT_EQ(port_, 9100);
  EXPECT_EQ(database_, "sqlite:/from/config.db");
}

TEST_F(OptionsTest, FlagBeatsEnvironmentAndConfigFile) {
  TempConfig config("port = 9000\n");
  ScopedEnv port("RAPPORT_PORT", "9100");
  ScopedEnv database("RAPPORT_DATABASE", "postgresql://db.example/rapport");
  app_.parse("--port 7000", false);
  ApplyEnvironmentAndConfig(app_, config.path());
  EXPECT_EQ(port_, 7000);
  EXPECT_EQ(database_, "postgresql://db.example/rapport");
}

TEST_F(OptionsTest, DashesBecomeUnderscoresInTheVariableName) {
  ScopedEnv pool_size("RAPPORT_POOL_SIZE", "12");
  app_.parse("", false);
  ApplyEnvironmentAndConfig(app_, "");
  EXPECT_EQ(pool_size_, 12);
}

TEST_F(OptionsTest, EmptyVariableIsIgnored) {
  TempConfig config("port = 9000\n");
  ScopedEnv port("RAPPORT_PORT", "");
  app_.parse("", false);
  ApplyEnvironmentAndConfig(app_, config.path());
  EXPECT_EQ(port_, 9000);
}

TEST_F(OptionsTest, AppliesToTheChosenSubcommand) {
  CLI::App app{"test"};
  int port = 8080;
  CLI::App* serve = app.add_subcommand("serve");
  serve->add_option("--port", port);
  ScopedEnv env("RAPPORT_PORT", "9200");
  app.parse("serve", false);
  ApplyEnvironmentAndConfig(app, "");
  EXPECT_EQ(port, 9200);
}

TEST_F(OptionsTest, BadEnvironmentValueThrowsNamingTheVariable) {
  ScopedEnv port("RAPPORT_PORT", "abc");
  app_.parse("", false);
  try {
    ApplyEnvironmentAndConfig(app_, "");
    FAIL() << "no exception for RAPPORT_PORT=abc";
  } catch (const CLI::ConversionError& e) {
    EXPECT_NE(std::string(e.what()).find("RAPPORT_PORT"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("port"), std::string::npos) << e.what();
  }
}

TEST_F(OptionsTest, MissingConfigFileThrows) {
  app_.parse("", false);
  EXPECT_THROW(ApplyEnvironmentAndConfig(app_, "/nonexistent/rapport-options-test.toml"), CLI::FileError);
}

}  // namespace
}  // namespace rapport::cli
