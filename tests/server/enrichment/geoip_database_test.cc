#include "server/enrichment/geoip_database.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

extern char** environ;

namespace usersessions::server {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using usersessions::testing::StatusIs;

using Fields = std::tuple<std::string, std::string, std::string, std::string>;

Fields FieldsOf(const LocationInfo& location) {
  return {location.display, location.city, location.country, location.country_code};
}

// Runs the database writer into `folder`; returns an error text, empty on success.
std::string WriteTestDatabases(const std::string& folder) {
  std::string perl = "perl";
  std::string script = USERSESSIONS_TEST_MMDB_WRITER;
  std::string output = folder;
  char* argv[] = {perl.data(), script.data(), output.data(), nullptr};
  pid_t pid;
  const int spawned = posix_spawnp(&pid, "perl", nullptr, nullptr, argv, environ);
  if (spawned != 0) return absl::StrCat("cannot start perl: error ", spawned);
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return "waitpid failed";
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::StrCat(script, " failed with status ", status);
  }
  return "";
}

// Generates the databases once per test process and opens the two good ones.
class GeoIpDatabaseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new usersessions::testing::TempDir();
    setup_error_ = new std::string(WriteTestDatabases(folder_->path()));
  }
  static void TearDownTestSuite() {
    delete setup_error_;
    setup_error_ = nullptr;
    delete folder_;
    folder_ = nullptr;
  }

  void SetUp() override {
    ASSERT_EQ(*setup_error_, "");
    ASSERT_OK_AND_ASSIGN(city_, GeoIpDatabase::Open(File("test_city.mmdb")));
    ASSERT_OK_AND_ASSIGN(country_, GeoIpDatabase::Open(File("test_country.mmdb")));
  }

  static std::string File(const std::string& name) { return folder_->File(name); }

  static usersessions::testing::TempDir* folder_;
  static std::string* setup_error_;
  std::unique_ptr<GeoIpDatabase> city_;
  std::unique_ptr<GeoIpDatabase> country_;
};

usersessions::testing::TempDir* GeoIpDatabaseTest::folder_ = nullptr;
std::string* GeoIpDatabaseTest::setup_error_ = nullptr;

struct LookupCase {
  std::string name;
  std::string ip_address;
  std::string language_code;
  std::string display;
  std::string city;
  std::string country;
  std::string country_code;
};

const LookupCase kSanDiego = {
    "", "44.55.66.77", "en", "San Diego, United States", "San Diego", "United States", "US",
};

LookupCase SanDiego(std::string name, std::string ip_address, std::string language_code = "en") {
  LookupCase c = kSanDiego;
  c.name = std::move(name);
  c.ip_address = std::move(ip_address);
  c.language_code = std::move(language_code);
  return c;
}

LookupCase Empty(std::string name, std::string ip_address) {
  return {std::move(name), std::move(ip_address), "en", "", "", "", ""};
}

const std::vector<LookupCase>& CityCases() {
  static const auto* cases = new std::vector<LookupCase>{
      SanDiego("CityAndCountry", "44.55.66.77"),
      SanDiego("NoLanguageIsEnglish", "44.55.66.77", ""),
      {"Dutch", "44.55.66.77", "nl", "San Diego, Verenigde Staten", "San Diego", "Verenigde Staten",
       "US"},
      {"GermanUpperCase", "44.55.66.77", "DE", "San Diego, Vereinigte Staaten", "San Diego",
       "Vereinigte Staaten", "US"},
      {"DutchRegionFallsBackToDutch", "44.55.66.77", "nl-BE", "San Diego, Verenigde Staten",
       "San Diego", "Verenigde Staten", "US"},
      {"DutchLocaleForm", "44.55.66.77", "nl_NL", "San Diego, Verenigde Staten", "San Diego",
       "Verenigde Staten", "US"},
      SanDiego("MissingLanguageIsEnglish", "44.55.66.77", "pt-BR"),
      SanDiego("UnknownLanguageIsEnglish", "44.55.66.77", "xx"),
      SanDiego("MalformedLanguageIsEnglish", "44.55.66.77", "n l!"),
      {"London", "81.2.69.142", "en", "London, United Kingdom", "London", "United Kingdom", "GB"},
      {"LondonInDutch", "81.2.69.142", "nl", "Londen, Verenigd Koninkrijk", "Londen",
       "Verenigd Koninkrijk", "GB"},
      {"LondonInBrazilianPortuguese", "81.2.69.142", "pt-br", "Londres, Reino Unido", "Londres",
       "Reino Unido", "GB"},
      {"PortugueseDoesNotMatchBrazilian", "81.2.69.142", "pt", "London, United Kingdom", "London",
       "United Kingdom", "GB"},
      {"CountryOnly", "8.8.8.8", "en", "United States", "", "United States", "US"},
      {"CountryOnlyInDutch", "8.8.8.8", "nl", "Verenigde Staten", "", "Verenigde Staten", "US"},
      {"Ipv6", "2001:db8:1::5", "en", "Amsterdam, Netherlands", "Amsterdam", "Netherlands", "NL"},
      {"Ipv6Uncompressed", "2001:DB8:1:0:0:0:0:5", "en", "Amsterdam, Netherlands", "Amsterdam",
       "Netherlands", "NL"},
      {"NamesFallBackSeparately", "2001:db8:1::5", "fr-CA", "Amsterdam, Pays-Bas", "Amsterdam",
       "Pays-Bas", "NL"},
      SanDiego("Ipv4Mapped", "::ffff:44.55.66.77"),
      SanDiego("Ipv4MappedHex", "::ffff:2c37:424d"),
      SanDiego("Nat64", "64:ff9b::44.55.66.77"),
      SanDiego("SixToFour", "2002:2c37:424d::1"),
      // The Teredo client address is the last 32 bits, inverted.
      SanDiego("TeredoClient", "2001:0:4136:e378:8000:63bf:d3c8:bdb2"),
      Empty("UnknownIpv4", "1.1.1.1"),
      Empty("UnknownIpv4FromSeed", "20.13.1.1"),
      Empty("UnknownIpv6", "2001:db8:2::1"),
      // The test database has records inside these ranges; they must not be asked for.
      Empty("Loopback", "127.0.0.1"),
      Empty("Ipv6Loopback", "::1"),
      Empty("Private10", "10.1.2.3"),
      Empty("Private192", "192.168.1.1"),
      Empty("Private172", "172.16.0.1"),
      Empty("SharedAddressSpace", "100.64.0.1"),
      Empty("LinkLocal", "169.254.1.1"),
      Empty("Unspecified", "0.0.0.0"),
      Empty("Ipv6Unspecified", "::"),
      Empty("Broadcast", "255.255.255.255"),
      Empty("Multicast", "224.0.0.1"),
      Empty("Ipv6LinkLocal", "fe80::1"),
      Empty("UniqueLocal", "fc00::1"),
      Empty("UniqueLocalFd", "fd12:3456::1"),
      Empty("Ipv6Multicast", "ff02::1"),
      Empty("Ipv4MappedPrivate", "::ffff:10.1.2.3"),
      Empty("Ipv4MappedLoopback", "::ffff:127.0.0.1"),
      Empty("Ipv4Compatible", "::10.1.2.3"),
      Empty("Nat64Private", "64:ff9b::10.1.2.3"),
      Empty("SixToFourPrivate", "2002:a01:203::1"),
      Empty("TeredoPrivateClient", "2001:0:4136:e378:8000:63bf:f5fe:fdfc"),
      // Only canonical numeric text is an address; nothing is resolved.
      Empty("NotAnIp", "not-an-ip"),
      Empty("EmptyText", ""),
      Empty("HostName", "dns.google"),
      Empty("Localhost", "localhost"),
      Empty("Ipv4AsOneNumber", "741818957"),
      Empty("Ipv4InHex", "0x2c.0x37.0x42.0x4d"),
      Empty("TrailingSpace", "44.55.66.77 "),
      Empty("Network", "44.55.66.77/32"),
      Empty("ZoneIndex", "fe80::1%lo"),
      Empty("TooLong", std::string(1000, '1')),
  };
  return *cases;
}

const std::vector<LookupCase>& CountryCases() {
  static const auto* cases = new std::vector<LookupCase>{
      {"Country", "55.66.77.88", "en", "United States", "", "United States", "US"},
      {"SecondNetwork", "8.8.4.4", "en", "United States", "", "United States", "US"},
      {"CountryInDutch", "55.66.77.88", "nl", "Verenigde Staten", "", "Verenigde Staten", "US"},
      Empty("NotInCountryDatabase", "44.55.66.77"),
      Empty("Private", "10.1.2.3"),
      Empty("NotAnIp", "not-an-ip"),
  };
  return *cases;
}

// ctest runs every test in a process of its own, which generates the databases again, so each
// table is one test; SCOPED_TRACE names the failing case.
TEST_F(GeoIpDatabaseTest, CityDatabaseLookups) {
  for (const LookupCase& c : CityCases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(FieldsOf(city_->Lookup(c.ip_address, c.language_code)),
              Fields(c.display, c.city, c.country, c.country_code));
  }
}

TEST_F(GeoIpDatabaseTest, CountryDatabaseLookups) {
  for (const LookupCase& c : CountryCases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(FieldsOf(country_->Lookup(c.ip_address, c.language_code)),
              Fields(c.display, c.city, c.country, c.country_code));
  }
}

TEST_F(GeoIpDatabaseTest, ReportsDatabaseType) {
  EXPECT_EQ(city_->database_type(), "GeoLite2-City");
  EXPECT_EQ(country_->database_type(), "GeoLite2-Country");
}

TEST_F(GeoIpDatabaseTest, MissingFileIsFailedPrecondition) {
  const std::string path = File("missing.mmdb");
  EXPECT_THAT(GeoIpDatabase::Open(path), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(GeoIpDatabase::Open(path).status().message(),
              AllOf(HasSubstr(path), HasSubstr("No such file or directory")));
}

TEST_F(GeoIpDatabaseTest, CorruptFileIsFailedPrecondition) {
  const std::string path = File("corrupt.mmdb");
  EXPECT_THAT(GeoIpDatabase::Open(path), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(GeoIpDatabase::Open(path).status().message(),
              AllOf(HasSubstr(path), HasSubstr("invalid metadata")));
}

TEST_F(GeoIpDatabaseTest, OtherFileIsFailedPrecondition) {
  const std::string path = File("not-a-database.txt");
  std::ofstream(path) << "This is not a MaxMind DB file.\n";
  EXPECT_THAT(GeoIpDatabase::Open(path), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(GeoIpDatabase::Open(path).status().message(),
              AllOf(HasSubstr(path), HasSubstr("invalid metadata")));
}

TEST_F(GeoIpDatabaseTest, EmptyFileIsFailedPrecondition) {
  const std::string path = File("empty.mmdb");
  std::ofstream{path};
  EXPECT_THAT(GeoIpDatabase::Open(path), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(GeoIpDatabase::Open(path).status().message(), HasSubstr(path));
}

TEST_F(GeoIpDatabaseTest, FolderIsFailedPrecondition) {
  EXPECT_THAT(GeoIpDatabase::Open(folder_->path()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(GeoIpDatabase::Open(folder_->path()).status().message(), HasSubstr(folder_->path()));
}

TEST_F(GeoIpDatabaseTest, DatabaseWithoutLocationsIsFailedPrecondition) {
  const std::string path = File("test_asn.mmdb");
  EXPECT_THAT(GeoIpDatabase::Open(path), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(GeoIpDatabase::Open(path).status().message(),
              AllOf(HasSubstr(path), HasSubstr("GeoLite2-ASN")));
}

TEST_F(GeoIpDatabaseTest, EmptyPathIsInvalidArgument) {
  EXPECT_THAT(GeoIpDatabase::Open(""), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(GeoIpDatabaseTest, DatabasesAreIndependent) {
  ASSERT_OK_AND_ASSIGN(auto second, GeoIpDatabase::Open(File("test_city.mmdb")));
  city_.reset();
  EXPECT_EQ(second->Lookup("44.55.66.77", "en").display, "San Diego, United States");
}

TEST_F(GeoIpDatabaseTest, ConcurrentLookupsAgree) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 50;
  const std::vector<LookupCase>& cases = CityCases();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        for (size_t i = 0; i < cases.size(); ++i) {
          // Each thread walks the cases from a different start.
          const LookupCase& c = cases[(i + t) % cases.size()];
          const LocationInfo location = city_->Lookup(c.ip_address, c.language_code);
          if (FieldsOf(location) != Fields(c.display, c.city, c.country, c.country_code)) {
            mismatches.fetch_add(1);
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace usersessions::server
