#include "auth/url.h"

#include <gtest/gtest.h>

namespace vueops::auth {
namespace {

TEST(UrlTest, SplitsTheParts) {
  Result<UrlParts> url = ParseUrl("https://user@Bucket.s3.amazonaws.com:8443/a/b%20c?x=1&y#frag");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "Bucket.s3.amazonaws.com");
  EXPECT_EQ(url->port, "8443");
  EXPECT_EQ(url->path, "/a/b%20c");
  EXPECT_EQ(url->query, "x=1&y");
}

TEST(UrlTest, HandlesIpv6AndMissingPaths) {
  Result<UrlParts> url = ParseUrl("http://[fd00:ec2::254]:80?q");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "[fd00:ec2::254]");
  EXPECT_EQ(url->path, "");
  EXPECT_EQ(url->query, "q");
  EXPECT_EQ(HostHeaderValue(*url), "[fd00:ec2::254]");
}

TEST(UrlTest, HostHeaderKeepsOnlyNonDefaultPorts) {
  EXPECT_EQ(HostHeaderValue(*ParseUrl("https://a.com:443/")), "a.com");
  EXPECT_EQ(HostHeaderValue(*ParseUrl("http://a.com:80/")), "a.com");
  EXPECT_EQ(HostHeaderValue(*ParseUrl("http://a.com:443/")), "a.com:443");
  EXPECT_EQ(HostHeaderValue(*ParseUrl("http://127.0.0.1:5000/")), "127.0.0.1:5000");
}

TEST(UrlTest, RejectsWhatIsNotAnAbsoluteUrl) {
  for (const char* text : {"", "/relative", "example.com", "https://", "https://:80/",
                           "https://host:port/", "http://[::1/", "1http://a/"}) {
    EXPECT_FALSE(ParseUrl(text).ok()) << text;
  }
}

TEST(UrlTest, RecognizesLoopbackHosts) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("[::1]"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_TRUE(IsLoopbackHost("LocalHost"));
  EXPECT_FALSE(IsLoopbackHost("128.0.0.1"));
  EXPECT_FALSE(IsLoopbackHost("169.254.170.2"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0.1.evil.com"));
  EXPECT_FALSE(IsLoopbackHost("[::2]"));
}

}  // namespace
}  // namespace vueops::auth
