#include "http/http.h"

#include <gtest/gtest.h>

namespace vueops::http {
namespace {

TEST(HeadersTest, FindIgnoresCaseAndReturnsTheFirst) {
  Headers headers = {{"Content-Type", "text/xml"}, {"x-amz-id", "1"}, {"X-Amz-Id", "2"}};
  ASSERT_NE(FindHeader(headers, "content-type"), nullptr);
  EXPECT_EQ(*FindHeader(headers, "content-type"), "text/xml");
  EXPECT_EQ(*FindHeader(headers, "X-AMZ-ID"), "1");
  EXPECT_EQ(FindHeader(headers, "Content-Length"), nullptr);
  EXPECT_EQ(FindHeader(headers, "Content"), nullptr);
}

TEST(HeadersTest, SetReplacesEveryHeaderOfThatName) {
  Headers headers = {{"x-amz-id", "1"}, {"Host", "h"}, {"X-Amz-Id", "2"}};
  SetHeader(headers, "X-AMZ-ID", "3");
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0], (std::pair<std::string, std::string>{"Host", "h"}));
  EXPECT_EQ(headers[1], (std::pair<std::string, std::string>{"X-AMZ-ID", "3"}));
}

}  // namespace
}  // namespace vueops::http
