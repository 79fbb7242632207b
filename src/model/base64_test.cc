#include "model/base64.h"

#include <gtest/gtest.h>

namespace vueops::model {
namespace {

TEST(Base64Test, EncodesTheRfc4648Vectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64Encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode(std::string("\xff\x00\xfe", 3)), "/wD+");
}

TEST(Base64Test, DecodesWithOrWithoutPaddingAndSkipsLineBreaks) {
  EXPECT_EQ(Base64Decode("Zm9vYmFy").value(), "foobar");
  EXPECT_EQ(Base64Decode("Zm9vYg==").value(), "foob");
  EXPECT_EQ(Base64Decode("Zm9vYg").value(), "foob");
  EXPECT_EQ(Base64Decode("Zm9v\nYmFy\r\n").value(), "foobar");
  EXPECT_EQ(Base64Decode("/wD+").value(), std::string("\xff\x00\xfe", 3));
  EXPECT_EQ(Base64Decode("").value(), "");
}

TEST(Base64Test, RejectsWhatIsNotBase64) {
  EXPECT_FALSE(Base64Decode("Zm9v!").ok());
  EXPECT_FALSE(Base64Decode("Zm=9v").ok());
  EXPECT_FALSE(Base64Decode("Z").ok());
  EXPECT_EQ(Base64Decode("a-b").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vueops::model
