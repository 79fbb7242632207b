#include "protocol/request.h"

#include <gtest/gtest.h>

#include "protocol/percent_encoding.h"

namespace vueops::protocol {
namespace {

TEST(PercentEncodingTest, EncodesAllButUnreservedCharacters) {
  EXPECT_EQ(PercentEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(PercentEncode("a b/c?d=e&f+g%"), "a%20b%2Fc%3Fd%3De%26f%2Bg%25");
  EXPECT_EQ(PercentEncode("caf\xc3\xa9"), "caf%C3%A9");
  EXPECT_EQ(PercentEncode("dir/sub dir/key", "/"), "dir/sub%20dir/key");
}

TEST(RequestTest, QueryStringEncodesNamesAndValuesAndKeepsFlags) {
  Request request;
  request.path = "/bucket";
  EXPECT_EQ(request.Target(), "/bucket");
  request.query = {
      {"acl", "", false}, {"prefix", "a b", true}, {"empty", "", true}, {"k=v", "x&y", true}};
  EXPECT_EQ(request.QueryString(), "acl&prefix=a%20b&empty=&k%3Dv=x%26y");
  EXPECT_EQ(request.Target(), "/bucket?acl&prefix=a%20b&empty=&k%3Dv=x%26y");
}

TEST(RequestTest, UrlJoinsEndpointHostPrefixBasePathAndTarget) {
  Request request;
  request.path = "/b/k%20x";
  request.query = {{"uploads", "", false}};
  EXPECT_EQ(request.Url("https://s3.amazonaws.com"), "https://s3.amazonaws.com/b/k%20x?uploads");
  EXPECT_EQ(request.Url("http://127.0.0.1:5000/"), "http://127.0.0.1:5000/b/k%20x?uploads");
  EXPECT_EQ(request.Url("http://127.0.0.1:5000/moto/"),
            "http://127.0.0.1:5000/moto/b/k%20x?uploads");
  request.host_prefix = "123456789012.";
  request.query.clear();
  EXPECT_EQ(request.Url("https://s3-control.us-east-1.amazonaws.com"),
            "https://123456789012.s3-control.us-east-1.amazonaws.com/b/k%20x");
}

}  // namespace
}  // namespace vueops::protocol
