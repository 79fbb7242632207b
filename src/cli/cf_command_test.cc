// vueops cf sign-url|sign-cookies and vueops ses smtp-password, run as the built binary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "base/file.h"
#include "base/json.h"
#include "ops/cloudfront_signer.h"
#include "resources/ses_smtp_password.h"
#include "state/sqlite_state_store.h"
#include "support/run_vueops.h"

namespace vueops::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using Outcome = test_support::VueopsRun;

constexpr const char* kKeyPairId = "K2JCJMDEHXQW5F";
constexpr const char* kUrl = "https://media.example.com/p/talk.mp4";
constexpr const char* kExpires = "2099-01-01T00:00:00Z";
constexpr int64_t kExpiresEpoch = 4'070'908'800;
// The AWS documentation's example secret access key.
constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

// A fresh 2048-bit RSA key as PKCS#8 PEM.
std::string NewPrivateKeyPem() {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  BIO* bio = BIO_new(BIO_s_mem());
  std::string pem;
  if (key != nullptr && bio != nullptr &&
      PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1) {
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    pem.assign(data, static_cast<size_t>(size));
  }
  BIO_free(bio);
  EVP_PKEY_free(key);
  return pem;
}

// The public half of `private_pem`, as the spec's public_key_file holds it.
std::string PublicKeyPem(const std::string& private_pem) {
  BIO* in = BIO_new_mem_buf(private_pem.data(), static_cast<int>(private_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(in, nullptr, nullptr, nullptr);
  BIO* out = BIO_new(BIO_s_mem());
  std::string pem;
  if (key != nullptr && PEM_write_bio_PUBKEY(out, key) == 1) {
    char* data = nullptr;
    long size = BIO_get_mem_data(out, &data);
    pem.assign(data, static_cast<size_t>(size));
  }
  BIO_free(out);
  EVP_PKEY_free(key);
  BIO_free(in);
  return pem;
}

// A spec whose prod environment signs with a key group (and, when `secret`, keeps the private
// key in the Secrets Manager secret cloudfront-signing-key), in `folder`.
std::string WriteSigningSpec(const std::string& folder, const std::string& private_pem,
                             bool secret) {
  EXPECT_TRUE(WriteFileAtomic(folder + "/cf.pub.pem", PublicKeyPem(private_pem)).ok());
  std::string spec = folder + "/stack.yaml";
  EXPECT_TRUE(WriteFileAtomic(spec,
                              "vueops: 1\n"
                              "name: acme\n"
                              "region: us-east-1\n"
                              "organization:\n"
                              "  management_account: root\n"
                              "  accounts:\n"
                              "    root: {kind: root, email: root@example.com}\n"
                              "    users: {kind: identity, email: users@example.com}\n"
                              "    prod: {kind: production, email: prod@example.com}\n"
                              "access:\n"
                              "  identity_account: users\n"
                              "environments:\n"
                              "  prod:\n"
                              "    account: prod\n"
                              "    network: {vpc_cidr: 10.0.0.0/16}\n"
                              "    cdn:\n"
                              "      key_group: acme-signing\n"
                              "      public_key_file: cf.pub.pem\n" +
                                  std::string(secret ? "      private_key_secret: "
                                                       "cloudfront-signing-key\n"
                                                       "    secrets:\n"
                                                       "      cloudfront-signing-key:\n"
                                                       "        source: external\n"
                                                     : ""))
                  .ok());
  return spec;
}

// A state holding `records`, at `path`.
void WriteState(const std::string& path, const std::vector<state::ResourceRecord>& records) {
  Result<std::unique_ptr<state::StateStore>> store = state::OpenSqliteStateStore(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  for (const state::ResourceRecord& record : records) ASSERT_TRUE((*store)->Put(record).ok());
}

state::ResourceRecord PublicKeyRecord(const std::string& id) {
  state::ResourceRecord record;
  record.address = "prod.cloudfront_public_key.signing";
  record.type = "cloudfront_public_key";
  record.account = "prod";
  record.id = id;
  record.outputs = {{"id", id}};
  return record;
}

class CfCommandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pem_ = NewPrivateKeyPem(); }

  void SetUp() override {
    ASSERT_THAT(pem_, HasSubstr("BEGIN PRIVATE KEY"));
    char pattern[] = "/tmp/vueops_cf_command_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    key_file_ = dir_ + "/cf-key.pem";
    ASSERT_TRUE(WriteFileAtomic(key_file_, pem_, 0600).ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Outcome Vueops(const std::vector<std::string>& args, const std::string& input = "",
                 std::vector<std::string> environment = {}) {
    // Whatever the runner's shell holds, these tests start without temporary credentials.
    environment.insert(environment.begin(), "AWS_SESSION_TOKEN=");
    return test_support::RunVueops(dir_, args, input, environment);
  }

  // What the library signs for the same inputs: the command must print exactly this.
  static std::string Expected(const ops::CloudFrontGrant& grant, ops::SignatureHash hash) {
    Result<ops::CloudFrontSigner> signer = ops::CloudFrontSigner::FromPem(pem_, kKeyPairId);
    EXPECT_TRUE(signer.ok());
    return signer->SignUrl(grant, hash).value();
  }

  static ops::CloudFrontGrant Grant(std::string resource, std::string ip = "") {
    ops::CloudFrontGrant grant;
    grant.resource = std::move(resource);
    grant.date_less_than = kExpiresEpoch;
    grant.source_ip = std::move(ip);
    return grant;
  }

  static inline std::string pem_;
  std::string dir_;
  std::string key_file_;
};

TEST_F(CfCommandTest, SignUrlWithAKeyFilePrintsTheSignedUrl) {
  Outcome run = Vueops({"cf", "sign-url", kUrl, "--expires", kExpires, "--key-pair-id", kKeyPairId,
                        "--private-key", key_file_});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, Expected(Grant(kUrl), ops::SignatureHash::kSha1) + "\n");
  EXPECT_THAT(run.out, StartsWith(std::string(kUrl) + "?Expires=4070908800&Signature="));
  EXPECT_THAT(run.out, Not(HasSubstr("PRIVATE KEY")));
}

TEST_F(CfCommandTest, SignUrlSha256AndJson) {
  Outcome run = Vueops({"cf", "sign-url", kUrl, "--expires", "4070908800", "--hash", "sha256",
                        "--key-pair-id", kKeyPairId, "--private-key", key_file_, "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Result<Json> json = ParseJson(run.out);
  ASSERT_TRUE(json.ok()) << run.out;
  EXPECT_EQ((*json)["url"], Expected(Grant(kUrl), ops::SignatureHash::kSha256));
  EXPECT_THAT((*json)["url"].get<std::string>(), HasSubstr("&Hash-Algorithm=SHA256"));
  EXPECT_EQ((*json)["policy"], "canned");
  EXPECT_EQ((*json)["expires"], kExpiresEpoch);
  EXPECT_EQ((*json)["expires_utc"], kExpires);
  EXPECT_EQ((*json)["hash"], "SHA256");
  EXPECT_EQ((*json)["key_pair_id"], kKeyPairId);
  EXPECT_EQ((*json)["private_key_source"], key_file_);
  EXPECT_THAT(run.out, Not(HasSubstr("PRIVATE KEY")));
}

TEST_F(CfCommandTest, SignCookiesWithASourceAddressUseACustomPolicy) {
  Outcome run =
      Vueops({"cf", "sign-cookies", "https://media.example.com/p/*", "--expires", kExpires, "--ip",
              "192.0.2.0/24", "--key-pair-id", kKeyPairId, "--private-key", key_file_});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Result<ops::CloudFrontSigner> signer = ops::CloudFrontSigner::FromPem(pem_, kKeyPairId);
  ASSERT_TRUE(signer.ok());
  Result<ops::SignedCookies> cookies = signer->SignCookies(
      Grant("https://media.example.com/p/*", "192.0.2.0/24"), ops::SignatureHash::kSha1);
  ASSERT_TRUE(cookies.ok());
  std::string expected;
  for (const auto& [name, value] : *cookies) {
    expected += "Set-Cookie: " + name + "=" + value + "; Secure; HttpOnly\n";
  }
  EXPECT_EQ(run.out, expected);
  EXPECT_THAT(run.out, StartsWith("Set-Cookie: CloudFront-Policy="));

  Outcome json = Vueops({"cf", "sign-cookies", kUrl, "--expires", kExpires, "--key-pair-id",
                         kKeyPairId, "--private-key", key_file_, "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  Result<Json> parsed = ParseJson(json.out);
  ASSERT_TRUE(parsed.ok()) << json.out;
  EXPECT_EQ((*parsed)["policy"], "canned");
  EXPECT_EQ((*parsed)["cookies"]["CloudFront-Expires"], "4070908800");
  EXPECT_EQ((*parsed)["cookies"]["CloudFront-Key-Pair-Id"], kKeyPairId);
  EXPECT_TRUE((*parsed)["cookies"].contains("CloudFront-Signature"));
}

TEST_F(CfCommandTest, RefusesAKeyFileOthersMayRead) {
  ASSERT_EQ(::chmod(key_file_.c_str(), 0644), 0);
  Outcome run = Vueops({"cf", "sign-url", kUrl, "--expires", kExpires, "--key-pair-id", kKeyPairId,
                        "--private-key", key_file_});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_THAT(run.err, AllOf(HasSubstr("vueops cf sign-url: " + key_file_ + " has mode 0644"),
                             HasSubstr("chmod 600 " + key_file_)));
  EXPECT_THAT(run.err, Not(HasSubstr("PRIVATE KEY")));
}

TEST_F(CfCommandTest, BadTimesGetTheAcceptedForms) {
  Outcome run = Vueops({"cf", "sign-url", kUrl, "--expires", "tomorrow", "--key-pair-id",
                        kKeyPairId, "--private-key", key_file_});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, AllOf(HasSubstr("vueops cf sign-url: --expires: 'tomorrow' is not a time"),
                             HasSubstr("2026-12-01T00:00:00Z"), HasSubstr("+1h")));

  Outcome past = Vueops({"cf", "sign-url", kUrl, "--expires", "2001-01-01T00:00:00Z",
                         "--key-pair-id", kKeyPairId, "--private-key", key_file_});
  EXPECT_EQ(past.exit_code, 2);
  EXPECT_THAT(past.err, HasSubstr("not in the future"));

  Outcome starts = Vueops({"cf", "sign-url", kUrl, "--expires", "+1h", "--starts", "+2h",
                           "--key-pair-id", kKeyPairId, "--private-key", key_file_});
  EXPECT_EQ(starts.exit_code, 2);
  EXPECT_THAT(starts.err, HasSubstr("not before the expiry"));

  Outcome missing = Vueops({"cf", "sign-url", kUrl, "--key-pair-id", kKeyPairId});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("--expires"));
}

TEST_F(CfCommandTest, WithoutAKeyItNamesTheSpecAndTheWayOut) {
  Outcome run =
      Vueops({"cf", "sign-url", kUrl, "--expires", "+1h", "--spec", dir_ + "/missing.yaml"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("--key-pair-id ID and --private-key FILE"));
}

TEST_F(CfCommandTest, TheKeyPairIdComesFromTheStatesRecordOfTheSpecsKeyGroup) {
  std::string spec = WriteSigningSpec(dir_, pem_, /*secret=*/false);
  WriteState(dir_ + "/state.db", {PublicKeyRecord("KSTATE0123")});
  Outcome run = Vueops({"cf", "sign-url", kUrl, "--expires", kExpires, "--spec", spec, "--state",
                        dir_ + "/state.db", "--private-key", key_file_, "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Result<Json> json = ParseJson(run.out);
  ASSERT_TRUE(json.ok()) << run.out;
  EXPECT_EQ((*json)["key_pair_id"], "KSTATE0123");
  EXPECT_EQ((*json)["key_pair_id_source"], "prod.cloudfront_public_key.signing");
  EXPECT_THAT((*json)["url"].get<std::string>(), HasSubstr("&Key-Pair-Id=KSTATE0123"));

  // Without --private-key: the spec names no secret, and the error says what to do.
  Outcome no_secret = Vueops({"cf", "sign-url", kUrl, "--expires", kExpires, "--spec", spec,
                              "--state", dir_ + "/state.db"});
  EXPECT_EQ(no_secret.exit_code, 1);
  EXPECT_THAT(no_secret.err, AllOf(HasSubstr("prod cdn has no private_key_secret"),
                                   HasSubstr("pass --private-key FILE")));
}

TEST_F(CfCommandTest, NothingRecordedSaysApplyFirst) {
  std::string spec = WriteSigningSpec(dir_, pem_, /*secret=*/true);
  WriteState(dir_ + "/state.db", {});
  Outcome key_id = Vueops({"cf", "sign-url", kUrl, "--expires", kExpires, "--spec", spec, "--state",
                           dir_ + "/state.db", "--private-key", key_file_});
  EXPECT_EQ(key_id.exit_code, 1);
  EXPECT_THAT(key_id.err, AllOf(HasSubstr("has no created prod.cloudfront_public_key.signing"),
                                HasSubstr("run vueops apply first, or pass --key-pair-id ID")));

  WriteState(dir_ + "/state.db", {PublicKeyRecord("KSTATE0123")});
  Outcome secret = Vueops({"cf", "sign-url", kUrl, "--expires", kExpires, "--spec", spec, "--state",
                           dir_ + "/state.db"});
  EXPECT_EQ(secret.exit_code, 1);
  EXPECT_THAT(secret.err, AllOf(HasSubstr("has no created prod.secret.cloudfront-signing-key"),
                                HasSubstr("or pass --private-key FILE")));

  Outcome no_env = Vueops({"cf", "sign-url", kUrl, "--expires", kExpires, "--spec", spec, "--state",
                           dir_ + "/state.db", "--env", "dev"});
  EXPECT_EQ(no_env.exit_code, 1);
  EXPECT_THAT(no_env.err, HasSubstr("environment 'dev' has no cdn key_group to sign with "
                                    "(these have: prod)"));
}

TEST_F(CfCommandTest, HelpDescribesCommandsAndOptions) {
  Outcome cf = Vueops({"cf", "--help"});
  EXPECT_EQ(cf.exit_code, 0);
  EXPECT_THAT(cf.out, AllOf(HasSubstr("sign-url"), HasSubstr("sign-cookies"),
                            HasSubstr("canned policy"), HasSubstr("Secrets Manager")));
  Outcome url = Vueops({"cf", "sign-url", "--help"});
  EXPECT_EQ(url.exit_code, 0);
  EXPECT_THAT(url.out, AllOf(HasSubstr("--expires"), HasSubstr("--starts"), HasSubstr("--ip"),
                             HasSubstr("--hash"), HasSubstr("--key-pair-id"),
                             HasSubstr("--private-key"), HasSubstr("--spec"), HasSubstr("--state"),
                             HasSubstr("--env"), HasSubstr("--json"), HasSubstr("+30m")));
  Outcome ses = Vueops({"ses", "--help"});
  EXPECT_EQ(ses.exit_code, 0);
  EXPECT_THAT(ses.out, HasSubstr("smtp-password"));
  Outcome password = Vueops({"ses", "smtp-password", "--help"});
  EXPECT_EQ(password.exit_code, 0);
  EXPECT_THAT(password.out, AllOf(HasSubstr("--region"), HasSubstr("--access-key-id"),
                                  HasSubstr("587"), HasSubstr("465")));
}

TEST_F(CfCommandTest, SesSmtpPasswordReadsTheSecretFromStdin) {
  Outcome run =
      Vueops({"ses", "smtp-password", "--region", "us-east-1"}, std::string(kSecret) + "\n");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out,
              AllOf(HasSubstr("SMTP password: " + resources::SesSmtpPassword(kSecret, "us-east-1")),
                    HasSubstr("email-smtp.us-east-1.amazonaws.com"), HasSubstr("587 (STARTTLS)"),
                    HasSubstr("465")));
  EXPECT_THAT(run.out, Not(HasSubstr(" 25")));

  Outcome json = Vueops({"ses", "smtp-password", "--region", "eu-west-1", "--access-key-id",
                         "AKIAIOSFODNN7EXAMPLE", "--json"},
                        kSecret);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  Result<Json> parsed = ParseJson(json.out);
  ASSERT_TRUE(parsed.ok()) << json.out;
  EXPECT_EQ((*parsed)["password"], resources::SesSmtpPassword(kSecret, "eu-west-1"));
  EXPECT_EQ((*parsed)["host"], "email-smtp.eu-west-1.amazonaws.com");
  EXPECT_EQ((*parsed)["port"], 587);
  EXPECT_EQ((*parsed)["tls_wrapper_port"], 465);
  EXPECT_EQ((*parsed)["user"], "AKIAIOSFODNN7EXAMPLE");
}

TEST_F(CfCommandTest, SesSmtpPasswordRefusesTemporaryCredentialsAndEmptyInput) {
  Outcome token = Vueops({"ses", "smtp-password", "--region", "us-east-1"}, kSecret,
                         {"AWS_SESSION_TOKEN=FwoGZXIvYXdzEXAMPLE"});
  EXPECT_EQ(token.exit_code, 1);
  EXPECT_EQ(token.out, "");
  EXPECT_THAT(token.err,
              AllOf(HasSubstr("AWS_SESSION_TOKEN is set"), HasSubstr("long-term IAM user")));

  Outcome asia = Vueops(
      {"ses", "smtp-password", "--region", "us-east-1", "--access-key-id", "ASIAIOSFODNN7EXAMPLE"},
      kSecret);
  EXPECT_EQ(asia.exit_code, 1);
  EXPECT_THAT(asia.err, HasSubstr("temporary"));

  Outcome empty = Vueops({"ses", "smtp-password", "--region", "us-east-1"}, "\n");
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_THAT(empty.err, HasSubstr("no secret access key on stdin"));

  Outcome no_region = Vueops({"ses", "smtp-password"}, kSecret);
  EXPECT_EQ(no_region.exit_code, 2);
  EXPECT_THAT(no_region.err, HasSubstr("--region REGION is required"));
}

}  // namespace
}  // namespace vueops::cli
