#include "resources/ssh_public_key.h"

#include <gtest/gtest.h>

namespace vueops::resources {
namespace {

// Throwaway keys made for this test only (Python's cryptography package), with the public
// keys it printed in OpenSSH form: an independent implementation to check against.
constexpr char kRsaPem[] = R"(-----BEGIN RSA PRIVATE KEY-----
MIICXAIBAAKBgQDWvhtL8J0yIYlCuM9AhniSAC9K9VxBEN0WA7ko8nuTIOby9tif
jg4p+W73lQcV/BIbw/G1B3XOXi2XA2jsaOamfPq2NzVOghMnFJucf7stLgKL9xzN
rAOphyXX7Q7604w60lX7erPaobyJbbXTWwHrRWCFYDo5JAvXdTtNh9P4VQIDAQAB
AoGARGTN+tTKrDHELsz/rVRmyFFovp4A4PRHBgDvkxwPwZ9kDxQRkFfFKRc5gX8k
f5sGBXPV4staePzD1moOm+UZOG4KbARdIv6GE7pVyT5siOg+g5+W4At4fXmVEzNX
to/cNZM/Bsa4iIJ3rW95HxHcXpOsB0vkH+1AdCpjz9N/0gECQQDu/WydLzf4a24D
kSdkhLt4DuWBsyFaPhJqspY1cw9TwpkcNWceoLBCrT1oBFB/GgdM18QTQmsaQiYD
2LOx8V6BAkEA5gbgtGpY3n0mNGGaWfk9UaJQDYy0mARl8Pcd2atGxAGjlRQ0SBFC
/IkZLvUFekxhtR7J9eJCEcedg8hL9qLX1QJANBawMaI1BMQFemmMuG/lnElC5H3y
awTUZsT90DB/yrXDQU6yZw6G3EF9/MnT8Z/ur2Tnq3rydQqt1nDI2aPOAQJBALWY
+m8UgkJr9Oxnna6oeQNoq+B2k+BroHtC7Fr6v+xgCt/XyoqWrhamua37nC53/K87
tl+bF2Pn/m+agnYdC10CQBaLFZtFhsYePqUuLnS7YYHIZdJ8PCR926qEYpobKhwx
vH/+xf45BjGwXOOerrABD7TVbd2FNpjvWCrFmJ9nEKQ=
-----END RSA PRIVATE KEY-----
)";
constexpr char kRsaPublic[] =
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDWvhtL8J0yIYlCuM9AhniSAC9K9VxBEN0WA7ko8nuTIOby9tif"
    "jg4p+W73lQcV/BIbw/G1B3XOXi2XA2jsaOamfPq2NzVOghMnFJucf7stLgKL9xzNrAOphyXX7Q7604w60lX7erPa"
    "obyJbbXTWwHrRWCFYDo5JAvXdTtNh9P4VQ==";

constexpr char kEd25519Pem[] = R"(-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIMH+TJuI2B46jovCh6xGAzwzD5OSuf8SzvcP49MeLNjw
-----END PRIVATE KEY-----
)";
constexpr char kEd25519Public[] =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILyl5+iXZZezWl37D+LRgGWu3CnXfb1439WT8wXP6DX/";

TEST(SshPublicKeyTest, RsaKeyGivesTheOpenSshPublicKey) {
  Result<std::string> key = OpenSshPublicKey(kRsaPem);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(*key, kRsaPublic);
}

TEST(SshPublicKeyTest, Ed25519KeyGivesTheOpenSshPublicKey) {
  Result<std::string> key = OpenSshPublicKey(kEd25519Pem);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(*key, kEd25519Public);
}

TEST(SshPublicKeyTest, RefusesWhatIsNotAPrivateKey) {
  EXPECT_EQ(OpenSshPublicKey("not a key").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenSshPublicKey(kRsaPublic).status().code(), StatusCode::kInvalidArgument);
}

TEST(SshPublicKeyTest, WithoutCommentKeepsTypeAndKey) {
  EXPECT_EQ(WithoutComment("ssh-rsa AAAA me@host\n"), "ssh-rsa AAAA");
  EXPECT_EQ(WithoutComment("ssh-rsa AAAA"), "ssh-rsa AAAA");
}

}  // namespace
}  // namespace vueops::resources
