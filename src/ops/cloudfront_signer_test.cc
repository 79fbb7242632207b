// CloudFrontSigner: signatures that verify with the public half, URL and cookie assembly, and
// byte-for-byte agreement with botocore's CloudFrontSigner on a key made for the test.
#include "ops/cloudfront_signer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "auth/crypto.h"
#include "base/file.h"

namespace vueops::ops {
namespace {

// A grant; tests spell out only what they vary.
CloudFrontGrant Grant(std::string resource, int64_t expires,
                      std::optional<int64_t> starts = std::nullopt, std::string ip = "") {
  CloudFrontGrant grant;
  grant.resource = std::move(resource);
  grant.date_less_than = expires;
  grant.date_greater_than = starts;
  grant.source_ip = std::move(ip);
  return grant;
}

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kKeyPairId = "K2JCJMDEHXQW5F";
constexpr int64_t kExpires = 1'796'083'200;  // 2026-12-01T00:00:00Z
constexpr int64_t kStarts = 1'795'996'800;   // a day earlier

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

// `structure`: "PrivateKeyInfo" for PKCS#8 ("BEGIN PRIVATE KEY"), "type-specific" for PKCS#1
// ("BEGIN RSA PRIVATE KEY").
std::string EncodePrivateKey(EVP_PKEY* key, const char* structure) {
  OSSL_ENCODER_CTX* encoder =
      OSSL_ENCODER_CTX_new_for_pkey(key, EVP_PKEY_KEYPAIR, "PEM", structure, nullptr);
  unsigned char* data = nullptr;
  size_t size = 0;
  std::string pem;
  if (encoder != nullptr && OSSL_ENCODER_to_data(encoder, &data, &size) == 1) {
    pem.assign(reinterpret_cast<char*>(data), size);
  }
  OPENSSL_free(data);
  OSSL_ENCODER_CTX_free(encoder);
  return pem;
}

// Standard base64 from CloudFront's (- _ ~ back to + = /), decoded.
std::string DecodeCloudFrontBase64(std::string text) {
  for (char& c : text) {
    if (c == '-') c = '+';
    if (c == '_') c = '=';
    if (c == '~') c = '/';
  }
  std::string out(text.size(), '\0');
  int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                             reinterpret_cast<const unsigned char*>(text.data()),
                             static_cast<int>(text.size()));
  if (size < 0) return "";
  size_t padding = text.size() >= 2 && text[text.size() - 2] == '=' ? 2
                   : !text.empty() && text.back() == '='            ? 1
                                                                    : 0;
  out.resize(static_cast<size_t>(size) - padding);
  return out;
}

class CloudFrontSignerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    key_ = Pkey(EVP_RSA_gen(2048));
    ASSERT_NE(key_, nullptr);
    pkcs8_ = EncodePrivateKey(key_.get(), "PrivateKeyInfo");
    pkcs1_ = EncodePrivateKey(key_.get(), "type-specific");
    ASSERT_THAT(pkcs8_, HasSubstr("-----BEGIN PRIVATE KEY-----"));
    ASSERT_THAT(pkcs1_, HasSubstr("-----BEGIN RSA PRIVATE KEY-----"));
  }
  static void TearDownTestSuite() { key_.reset(); }

  static CloudFrontSigner Signer() {
    Result<CloudFrontSigner> signer = CloudFrontSigner::FromPem(pkcs8_, kKeyPairId);
    EXPECT_TRUE(signer.ok()) << signer.status().ToString();
    return std::move(*signer);
  }

  // Whether `signature` (CloudFront base64) is the key's signature of `policy`.
  static bool Verifies(const std::string& policy, const std::string& signature,
                       SignatureHash hash) {
    std::string raw = DecodeCloudFrontBase64(signature);
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    bool ok =
        EVP_DigestVerifyInit(context, nullptr,
                             hash == SignatureHash::kSha256 ? EVP_sha256() : EVP_sha1(), nullptr,
                             key_.get()) == 1 &&
        EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                         reinterpret_cast<const unsigned char*>(policy.data()), policy.size()) == 1;
    EVP_MD_CTX_free(context);
    return ok;
  }

  static inline Pkey key_;
  static inline std::string pkcs8_;
  static inline std::string pkcs1_;
};

TEST_F(CloudFrontSignerTest, ReadsPkcs1AndPkcs8Keys) {
  Result<CloudFrontSigner> pkcs8 = CloudFrontSigner::FromPem(pkcs8_, kKeyPairId);
  Result<CloudFrontSigner> pkcs1 = CloudFrontSigner::FromPem(pkcs1_, kKeyPairId);
  ASSERT_TRUE(pkcs8.ok()) << pkcs8.status().ToString();
  ASSERT_TRUE(pkcs1.ok()) << pkcs1.status().ToString();
  // RSA PKCS #1 v1.5 signatures are deterministic: the same key signs the same bytes alike.
  EXPECT_EQ(pkcs8->Sign("policy", SignatureHash::kSha1).value(),
            pkcs1->Sign("policy", SignatureHash::kSha1).value());
}

TEST_F(CloudFrontSignerTest, RefusesWhatIsNotAnRsaPrivateKey) {
  Result<CloudFrontSigner> garbage = CloudFrontSigner::FromPem("not a key", kKeyPairId);
  EXPECT_THAT(garbage.status().message(), HasSubstr("no PEM private key"));

  Pkey ec(EVP_EC_gen("P-256"));
  ASSERT_NE(ec, nullptr);
  Result<CloudFrontSigner> not_rsa =
      CloudFrontSigner::FromPem(EncodePrivateKey(ec.get(), "PrivateKeyInfo"), kKeyPairId);
  EXPECT_THAT(not_rsa.status().message(), HasSubstr("not an RSA key"));

  Result<CloudFrontSigner> encrypted = CloudFrontSigner::FromPem(
      "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
      kKeyPairId);
  EXPECT_THAT(encrypted.status().message(), HasSubstr("encrypted"));

  Result<CloudFrontSigner> bad_id = CloudFrontSigner::FromPem(pkcs8_, "K2&x=y");
  EXPECT_THAT(bad_id.status().message(), HasSubstr("not a CloudFront public key id"));
}

TEST_F(CloudFrontSignerTest, ErrorsNeverQuoteTheKey) {
  // A PEM with a damaged body: the error must not echo any of it.
  std::string damaged = pkcs8_;
  damaged[40] = '!';
  Result<CloudFrontSigner> signer = CloudFrontSigner::FromPem(damaged, kKeyPairId);
  ASSERT_FALSE(signer.ok());
  EXPECT_EQ(signer.status().message().find(pkcs8_.substr(28, 40)), std::string::npos);
}

TEST_F(CloudFrontSignerTest, CannedUrlCarriesExpiresSignatureAndKeyPairId) {
  CloudFrontGrant grant = Grant("https://d111111abcdef8.cloudfront.net/image.jpg", kExpires);
  Result<std::string> url = Signer().SignUrl(grant, SignatureHash::kSha1);
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  std::string prefix = grant.resource + "?Expires=1796083200&Signature=";
  ASSERT_THAT(*url, StartsWith(prefix));
  std::string suffix = "&Key-Pair-Id=" + std::string(kKeyPairId);
  ASSERT_EQ(url->substr(url->size() - suffix.size()), suffix);
  std::string signature = url->substr(prefix.size(), url->size() - prefix.size() - suffix.size());
  EXPECT_TRUE(Verifies(CannedPolicy(grant.resource, kExpires), signature, SignatureHash::kSha1));
}

// The signer keeps one prepared RSA context; threads signing at once must each get a valid
// signature of their own policy (the busy one works on a copy).
TEST_F(CloudFrontSignerTest, ThreadsSigningAtOnceEachGetAValidSignature) {
  const CloudFrontSigner signer = Signer();
  constexpr int kThreads = 4, kEach = 8;
  std::vector<std::vector<bool>> verified(kThreads, std::vector<bool>(kEach, false));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        CloudFrontGrant grant = Grant("https://d111111abcdef8.cloudfront.net/t" +
                                          std::to_string(t) + "/" + std::to_string(i),
                                      kExpires + i);
        SignatureHash hash = (t + i) % 2 == 0 ? SignatureHash::kSha1 : SignatureHash::kSha256;
        Result<SignedCookies> cookies = signer.SignCookies(grant, hash);
        verified[t][i] = cookies.ok() &&
                         Verifies(CannedPolicy(grant.resource, grant.date_less_than),
                                  (*cookies)[1].second, hash);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kEach; ++i) EXPECT_TRUE(verified[t][i]) << "thread " << t << " #" << i;
  }
}

TEST_F(CloudFrontSignerTest, AppendsWithAmpersandAfterAQueryString) {
  CloudFrontGrant grant =
      Grant("https://d111111abcdef8.cloudfront.net/image.jpg?size=large", kExpires);
  Result<std::string> url = Signer().SignUrl(grant, SignatureHash::kSha1);
  ASSERT_TRUE(url.ok());
  EXPECT_THAT(*url, StartsWith(grant.resource + "&Expires=1796083200&Signature="));
}

TEST_F(CloudFrontSignerTest, CustomUrlCarriesThePolicy) {
  CloudFrontGrant grant = Grant("https://d111111abcdef8.cloudfront.net/image.jpg", kExpires,
                                std::nullopt, "192.0.2.0/24");
  Result<std::string> url = Signer().SignUrl(grant, SignatureHash::kSha1);
  ASSERT_TRUE(url.ok());
  EXPECT_THAT(*url, StartsWith(grant.resource + "?Policy=" + CloudFrontBase64(CustomPolicy(grant)) +
                               "&Signature="));
  EXPECT_THAT(*url, Not(HasSubstr("Expires=")));
}

TEST_F(CloudFrontSignerTest, Sha256SignsWithSha256AndSaysSo) {
  CloudFrontGrant grant = Grant("https://d111111abcdef8.cloudfront.net/image.jpg", kExpires);
  CloudFrontSigner signer = Signer();
  Result<std::string> url = signer.SignUrl(grant, SignatureHash::kSha256);
  ASSERT_TRUE(url.ok());
  std::string suffix = "&Key-Pair-Id=" + std::string(kKeyPairId) + "&Hash-Algorithm=SHA256";
  ASSERT_EQ(url->substr(url->size() - suffix.size()), suffix);

  Result<SignedCookies> cookies = signer.SignCookies(grant, SignatureHash::kSha256);
  ASSERT_TRUE(cookies.ok());
  ASSERT_EQ(cookies->size(), 4u);
  EXPECT_EQ((*cookies)[3],
            (std::pair<std::string, std::string>("CloudFront-Hash-Algorithm", "SHA256")));
  std::string policy = CannedPolicy(grant.resource, kExpires);
  EXPECT_TRUE(Verifies(policy, (*cookies)[1].second, SignatureHash::kSha256));
  EXPECT_FALSE(Verifies(policy, (*cookies)[1].second, SignatureHash::kSha1));
}

TEST_F(CloudFrontSignerTest, CookiesNameTheSamePartsAsTheUrl) {
  CloudFrontSigner signer = Signer();
  CloudFrontGrant canned = Grant("https://d111111abcdef8.cloudfront.net/image.jpg", kExpires);
  Result<SignedCookies> cookies = signer.SignCookies(canned, SignatureHash::kSha1);
  ASSERT_TRUE(cookies.ok());
  ASSERT_EQ(cookies->size(), 3u);
  EXPECT_EQ((*cookies)[0].first, "CloudFront-Expires");
  EXPECT_EQ((*cookies)[0].second, "1796083200");
  EXPECT_EQ((*cookies)[1].first, "CloudFront-Signature");
  EXPECT_EQ((*cookies)[2],
            (std::pair<std::string, std::string>("CloudFront-Key-Pair-Id", kKeyPairId)));

  CloudFrontGrant pattern = Grant("https://d111111abcdef8.cloudfront.net/videos/*", kExpires);
  Result<SignedCookies> custom = signer.SignCookies(pattern, SignatureHash::kSha1);
  ASSERT_TRUE(custom.ok());
  EXPECT_EQ((*custom)[0].first, "CloudFront-Policy");
  EXPECT_EQ(DecodeCloudFrontBase64((*custom)[0].second), CustomPolicy(pattern));
  EXPECT_TRUE(Verifies(CustomPolicy(pattern), (*custom)[1].second, SignatureHash::kSha1));
}

TEST(SignatureHashTest, ParsesBothNamesAndNamesThemWhenWrong) {
  EXPECT_EQ(ParseSignatureHash("sha1").value(), SignatureHash::kSha1);
  EXPECT_EQ(ParseSignatureHash("SHA256").value(), SignatureHash::kSha256);
  EXPECT_THAT(ParseSignatureHash("md5").status().message(), HasSubstr("use sha1"));
}

// --- The reference: botocore's CloudFrontSigner on the same key and inputs. ---

struct ReferenceCase {
  std::string resource;
  std::optional<int64_t> starts;
  std::string ip;
  SignatureHash hash = SignatureHash::kSha1;
};

class BotocoreReferenceTest : public CloudFrontSignerTest {
 protected:
  void SetUp() override {
    if (std::system("python3 -c 'import botocore.signers, cryptography' >/dev/null 2>&1") != 0) {
      GTEST_SKIP() << "python3 cannot import botocore and cryptography, the reference this "
                      "test compares the CloudFront signer with (pip install botocore "
                      "cryptography)";
    }
    char pattern[] = "/tmp/vueops_cloudfront_signer_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    key_file_ = dir_ + "/key.pem";
    ASSERT_TRUE(WriteFileAtomic(key_file_, pkcs1_, 0600).ok());
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // botocore's URL and cookies ("name=value; ...") for `c`.
  std::pair<std::string, std::string> Reference(const ReferenceCase& c) {
    auto quote = [](const std::string& text) {
      std::string out = "'";
      for (char ch : text) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
      return out + "'";
    };
    std::string command =
        "python3 " +
        quote(std::string(VUEOPS_SOURCE_DIR) + "/src/ops/testdata/botocore_cloudfront_sign.py") +
        " " + quote(key_file_) + " " + (c.hash == SignatureHash::kSha256 ? "sha256" : "sha1") +
        " " + kKeyPairId + " " + quote(c.resource) + " " + std::to_string(kExpires) + " " +
        (c.starts ? std::to_string(*c.starts) : "-") + " " + quote(c.ip.empty() ? "-" : c.ip);
    FILE* pipe = ::popen(command.c_str(), "r");
    std::string output;
    std::array<char, 4096> buffer;
    while (pipe != nullptr && std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) {
      output += buffer.data();
    }
    int status = pipe != nullptr ? ::pclose(pipe) : -1;
    EXPECT_EQ(status, 0) << command << "\n" << output;
    size_t newline = output.find('\n');
    if (newline == std::string::npos) return {};
    std::string cookies = output.substr(newline + 1);
    while (!cookies.empty() && cookies.back() == '\n') cookies.pop_back();
    return {output.substr(0, newline), cookies};
  }

  std::string dir_;
  std::string key_file_;
};

TEST_F(BotocoreReferenceTest, UrlsAndCookiesAreByteIdentical) {
  const std::vector<ReferenceCase> cases = {
      {"https://d111111abcdef8.cloudfront.net/image.jpg", std::nullopt, "", SignatureHash::kSha1},
      {"https://d111111abcdef8.cloudfront.net/image.jpg?color=red&size=medium", std::nullopt, "",
       SignatureHash::kSha1},
      {"https://media.vueocity.com/protected/a%20b/\"quoted\"\\.mp4", std::nullopt, "",
       SignatureHash::kSha1},
      {"https://d111111abcdef8.cloudfront.net/image.jpg", kStarts, "", SignatureHash::kSha1},
      {"https://d111111abcdef8.cloudfront.net/image.jpg", std::nullopt, "192.0.2.0/24",
       SignatureHash::kSha1},
      {"https://d111111abcdef8.cloudfront.net/image.jpg?x=1", kStarts, "203.0.113.7",
       SignatureHash::kSha1},
      {"https://d111111abcdef8.cloudfront.net/videos/*", std::nullopt, "", SignatureHash::kSha1},
      {"https://d111111abcdef8.cloudfront.net/image.jpg", std::nullopt, "", SignatureHash::kSha256},
      {"https://d111111abcdef8.cloudfront.net/image.jpg", kStarts, "198.51.100.0/24",
       SignatureHash::kSha256},
  };
  CloudFrontSigner signer = Signer();
  for (const ReferenceCase& c : cases) {
    SCOPED_TRACE(c.resource);
    Result<CloudFrontGrant> grant =
        CheckGrant(Grant(c.resource, kExpires, c.starts, c.ip), kStarts - 1);
    ASSERT_TRUE(grant.ok()) << grant.status().ToString();
    auto [reference_url, reference_cookies] = Reference(c);
    ASSERT_FALSE(reference_url.empty());

    Result<std::string> url = signer.SignUrl(*grant, c.hash);
    ASSERT_TRUE(url.ok()) << url.status().ToString();
    EXPECT_EQ(*url, reference_url);

    Result<SignedCookies> cookies = signer.SignCookies(*grant, c.hash);
    ASSERT_TRUE(cookies.ok()) << cookies.status().ToString();
    std::string joined;
    for (const auto& [name, value] : *cookies) {
      joined += (joined.empty() ? "" : "; ") + name + "=" + value;
    }
    EXPECT_EQ(joined, reference_cookies);
  }
}

}  // namespace
}  // namespace vueops::ops
