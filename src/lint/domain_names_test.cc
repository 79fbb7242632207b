#include "lint/domain_names.h"

#include <gtest/gtest.h>

namespace vueops::lint {
namespace {

TEST(NameCoversTest, ExactNamesMatchIgnoringCaseAndTrailingDot) {
  EXPECT_TRUE(NameCovers("example.com", "example.com"));
  EXPECT_TRUE(NameCovers("Example.COM", "example.com."));
  EXPECT_FALSE(NameCovers("example.com", "www.example.com"));
  EXPECT_FALSE(NameCovers("www.example.com", "example.com"));
  EXPECT_FALSE(NameCovers("", ""));
}

TEST(NameCoversTest, AWildcardCoversExactlyOneLabel) {
  EXPECT_TRUE(NameCovers("*.example.com", "a.example.com"));
  EXPECT_TRUE(NameCovers("*.example.com", "WWW.Example.com"));
  EXPECT_FALSE(NameCovers("*.example.com", "example.com"));
  EXPECT_FALSE(NameCovers("*.example.com", "a.b.example.com"));
  EXPECT_FALSE(NameCovers("*.example.com", ".example.com"));
  EXPECT_FALSE(NameCovers("*.example.com", "aexample.com"));
  EXPECT_FALSE(NameCovers("*.example.com", "a.example.org"));
}

TEST(NameCoversTest, AWildcardNameIsCoveredOnlyByTheSameWildcard) {
  EXPECT_TRUE(NameCovers("*.example.com", "*.example.com"));
  EXPECT_FALSE(NameCovers("*.example.com", "*.a.example.com"));
  EXPECT_FALSE(NameCovers("example.com", "*.example.com"));
}

TEST(NameCoversTest, OnlyALeadingWildcardLabelIsAWildcard) {
  EXPECT_FALSE(NameCovers("a.*.example.com", "a.b.example.com"));
  EXPECT_FALSE(NameCovers("*example.com", "www.example.com"));
}

TEST(CertificateCoversTest, DomainOrAnyAlternativeName) {
  spec::Certificate certificate;
  certificate.domain = "*.example.com";
  certificate.alternative_names = {"example.com", "example.org"};
  EXPECT_TRUE(CertificateCovers(certificate, "cdn.example.com"));
  EXPECT_TRUE(CertificateCovers(certificate, "example.com"));
  EXPECT_TRUE(CertificateCovers(certificate, "example.org"));
  EXPECT_FALSE(CertificateCovers(certificate, "www.example.org"));
  EXPECT_FALSE(CertificateCovers(certificate, "a.cdn.example.com"));
}

TEST(RecordNameTest, NameDotZoneOrTheApex) {
  spec::Zone zone;
  zone.domain = "example.com";
  spec::Record record;
  EXPECT_EQ(RecordName(zone, record), "example.com");
  record.name = "@";
  EXPECT_EQ(RecordName(zone, record), "example.com");
  record.name = "www";
  EXPECT_EQ(RecordName(zone, record), "www.example.com");
}

}  // namespace
}  // namespace vueops::lint
