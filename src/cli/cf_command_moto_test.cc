// vueops cf sign-url with the private key in Secrets Manager (moto): the spec's
// private_key_secret, at the ARN the state recorded, read in the environment's account through
// OrganizationAccountAccessRole as vueops apply reaches it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <filesystem>

#include "base/file.h"
#include "base/json.h"
#include "ops/cloudfront_signer.h"
#include "state/sqlite_state_store.h"
#include "support/local_aws_fixture.h"
#include "support/run_vueops.h"

namespace vueops::cli {
namespace {

using test_support::VueopsRun;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kUrl = "https://media.example.com/p/talk.mp4";
constexpr int64_t kExpires = 4'070'908'800;  // 2099-01-01T00:00:00Z

class CfCommandMotoTest : public test_support::MotoTest {
 protected:
  void SetUp() override {
    MotoTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    char pattern[] = "/tmp/vueops_cf_command_moto_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    environment_ = {"AWS_ENDPOINT_URL=" + endpoint_url(),
                    std::string("AWS_ACCESS_KEY_ID=") + kAccessKeyId,
                    std::string("AWS_SECRET_ACCESS_KEY=") + kSecretAccessKey,
                    "AWS_SESSION_TOKEN=",
                    "AWS_CONFIG_FILE=" + dir_ + "/no-config",
                    "AWS_SHARED_CREDENTIALS_FILE=" + dir_ + "/no-credentials",
                    "AWS_PROFILE=",
                    "VUEOPS_CACHE_DIR=" + dir_ + "/cache"};
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  VueopsRun Vueops(const std::vector<std::string>& args) {
    return test_support::RunVueops(dir_, args, "", environment_);
  }

  std::string dir_;
  std::vector<std::string> environment_;
};

// A fresh RSA key: the private PEM (PKCS#8) and the public PEM.
std::pair<std::string, std::string> NewKeyPair() {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  auto write = [key](bool private_half) {
    BIO* bio = BIO_new(BIO_s_mem());
    int written = private_half
                      ? PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr)
                      : PEM_write_bio_PUBKEY(bio, key);
    std::string pem;
    if (written == 1) {
      char* data = nullptr;
      long size = BIO_get_mem_data(bio, &data);
      pem.assign(data, static_cast<size_t>(size));
    }
    BIO_free(bio);
    return pem;
  };
  std::pair<std::string, std::string> pair = {write(true), write(false)};
  EVP_PKEY_free(key);
  return pair;
}

TEST_F(CfCommandMotoTest, SignsWithThePrivateKeyFromSecretsManager) {
  auto [private_pem, public_pem] = NewKeyPair();
  ASSERT_THAT(private_pem, HasSubstr("BEGIN PRIVATE KEY"));

  // The operator put the key there (vueops secrets put, or the console).
  // A PEM starts with dashes, so it goes in as JSON rather than as an option's value.
  VueopsRun created = Vueops({"aws", "secretsmanager", "create-secret", "--input-json",
                              DumpJson(Json{{"Name", "acme-prod-cloudfront-signing-key"},
                                            {"SecretString", private_pem}})});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  Result<Json> secret = ParseJson(created.out);
  ASSERT_TRUE(secret.ok()) << created.out;
  std::string arn = (*secret)["ARN"].get<std::string>();

  ASSERT_TRUE(WriteFileAtomic(dir_ + "/cf.pub.pem", public_pem).ok());
  std::string spec = dir_ + "/stack.yaml";
  ASSERT_TRUE(WriteFileAtomic(spec,
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
                              "      public_key_file: cf.pub.pem\n"
                              "      private_key_secret: cloudfront-signing-key\n"
                              "    secrets:\n"
                              "      cloudfront-signing-key:\n"
                              "        source: external\n")
                  .ok());

  // What apply would have recorded. moto's one account stands for prod: the role assumed into
  // it reads the secret made above.
  state::ResourceRecord account;
  account.address = "org.account.prod";
  account.type = "account";
  account.id = kAccountId;
  state::ResourceRecord public_key;
  public_key.address = "prod.cloudfront_public_key.signing";
  public_key.type = "cloudfront_public_key";
  public_key.account = "prod";
  public_key.id = "KMOTO0123";
  state::ResourceRecord secret_record;
  secret_record.address = "prod.secret.cloudfront-signing-key";
  secret_record.type = "secret";
  secret_record.account = "prod";
  secret_record.region = kRegion;
  secret_record.id = arn;
  {
    Result<std::unique_ptr<state::StateStore>> store =
        state::OpenSqliteStateStore(dir_ + "/state.db");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    for (const state::ResourceRecord& record : {account, public_key, secret_record}) {
      ASSERT_TRUE((*store)->Put(record).ok());
    }
  }

  VueopsRun run = Vueops({"cf", "sign-url", kUrl, "--expires", std::to_string(kExpires), "--spec",
                          spec, "--state", dir_ + "/state.db"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Result<ops::CloudFrontSigner> signer = ops::CloudFrontSigner::FromPem(private_pem, "KMOTO0123");
  ASSERT_TRUE(signer.ok());
  ops::CloudFrontGrant grant;
  grant.resource = kUrl;
  grant.date_less_than = kExpires;
  EXPECT_EQ(run.out, signer->SignUrl(grant, ops::SignatureHash::kSha1).value() + "\n");
  EXPECT_THAT(run.out + run.err, Not(HasSubstr("PRIVATE KEY")));

  VueopsRun json = Vueops({"cf", "sign-cookies", kUrl, "--expires", std::to_string(kExpires),
                           "--spec", spec, "--state", dir_ + "/state.db", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  Result<Json> parsed = ParseJson(json.out);
  ASSERT_TRUE(parsed.ok()) << json.out;
  EXPECT_EQ((*parsed)["private_key_source"], "secret cloudfront-signing-key (Secrets Manager)");
  EXPECT_EQ((*parsed)["cookies"]["CloudFront-Key-Pair-Id"], "KMOTO0123");
}

}  // namespace
}  // namespace vueops::cli
