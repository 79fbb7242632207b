#include "resources/ses_smtp_password.h"

#include <gtest/gtest.h>

namespace vueops::resources {
namespace {

// AWS's documentation example secret key; the expected passwords were computed with Python's
// hmac and base64 modules following the SES Developer Guide's algorithm.
constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

TEST(SesSmtpPasswordTest, DerivesTheVersionFourPassword) {
  EXPECT_EQ(SesSmtpPassword(kSecret, "us-east-1"), "BLBM/9hSUELfq8Gw+rU1YcBjkOxGbhT2XG763xVLGWL9");
  EXPECT_EQ(SesSmtpPassword(kSecret, "us-west-2"), "BF2PynzbSCAjX08zhZZnP/kW+T9P5zs/1Er0pi5vTEmd");
}

TEST(SesSmtpPasswordTest, NamesTheRegionsEndpoint) {
  EXPECT_EQ(SesSmtpHost("us-west-2"), "email-smtp.us-west-2.amazonaws.com");
  EXPECT_NE(kSesSmtpPort, 25);
}

}  // namespace
}  // namespace vueops::resources
