#include "protocol/uuid.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace vueops::protocol {
namespace {

TEST(UuidTest, IsARandomVersion4Uuid) {
  // RFC 4122 section 4.4: version 4 in the 13th hex digit, variant 10xx in the 17th.
  const std::regex kVersion4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string uuid = RandomUuid();
    EXPECT_TRUE(std::regex_match(uuid, kVersion4)) << uuid;
    seen.insert(uuid);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

}  // namespace
}  // namespace vueops::protocol
