#include "auth/post_policy.h"

#include <gtest/gtest.h>

#include "auth/aws_time.h"
#include "auth/crypto.h"
#include "auth/testing/test_credentials.h"

namespace vueops::auth {
namespace {

using testing::MakeCredentials;

const Credentials kExampleCredentials =
    MakeCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

std::string FieldValue(const PostPolicyForm& form, std::string_view name) {
  for (const auto& [field, value] : form.fields) {
    if (field == name) return value;
  }
  return "(missing)";
}

TEST(PostPolicyTest, SignsTheS3DocumentationExample) {
  // S3 API Reference, "Example: Browser-Based Upload using HTTP POST (Using AWS Signature
  // Version 4)": the policy text exactly as published (CRLF line ends), its published base64
  // and signature.
  const std::string policy =
      "{ \"expiration\": \"2015-12-30T12:00:00.000Z\",\r\n"
      "  \"conditions\": [\r\n"
      "    {\"bucket\": \"sigv4examplebucket\"},\r\n"
      "    [\"starts-with\", \"$key\", \"user/user1/\"],\r\n"
      "    {\"acl\": \"public-read\"},\r\n"
      "    {\"success_action_redirect\": "
      "\"http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html\"},\r\n"
      "    [\"starts-with\", \"$Content-Type\", \"image/\"],\r\n"
      "    {\"x-amz-meta-uuid\": \"14365123651274\"},\r\n"
      "    {\"x-amz-server-side-encryption\": \"AES256\"},\r\n"
      "    [\"starts-with\", \"$x-amz-meta-tag\", \"\"],\r\n"
      "\r\n"
      "    {\"x-amz-credential\": "
      "\"AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request\"},\r\n"
      "    {\"x-amz-algorithm\": \"AWS4-HMAC-SHA256\"},\r\n"
      "    {\"x-amz-date\": \"20151229T000000Z\" }\r\n"
      "  ]\r\n"
      "}";
  const std::string base64 = Base64Encode(policy);
  EXPECT_EQ(base64,
            "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsN"
            "CiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRr"
            "ZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vz"
            "c19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29t"
            "L3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUi"
            "LCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7"
            "IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIs"
            "ICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZP"
            "RE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXot"
            "YWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlU"
            "MDAwMDAwWiIgfQ0KICBdDQp9");
  SigningKey key =
      DeriveSigningKey(kExampleCredentials.secret_access_key, "20151229", "us-east-1", "s3");
  EXPECT_EQ(SignPostPolicy(key, base64),
            "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e");
}

TEST(PostPolicyTest, BuildsTheFormFieldsAndConditions) {
  FakeClock clock(*ParseIso8601("2015-12-29T00:00:00Z"));
  Signer signer(clock);
  PostPolicyRequest request;
  request.bucket = "sigv4examplebucket";
  request.key = "user/user1/${filename}";
  request.expires_in = std::chrono::hours(36);
  request.fields = {{"acl", "public-read"}, {"Content-Type", "image/jpeg"}};
  request.conditions = Json::array({Json::array({"starts-with", "$Content-Type", "image/"}),
                                    Json::array({"content-length-range", 0, 1048576})});
  Credentials credentials = kExampleCredentials;
  credentials.session_token = "session-token";
  Result<PostPolicyForm> form = BuildPostPolicyForm(request, credentials, "us-east-1", signer);
  ASSERT_TRUE(form.ok()) << form.status().ToString();

  EXPECT_EQ(form->fields.front().first, "key");
  EXPECT_EQ(FieldValue(*form, "key"), "user/user1/${filename}");
  EXPECT_EQ(FieldValue(*form, "acl"), "public-read");
  EXPECT_EQ(FieldValue(*form, "x-amz-algorithm"), "AWS4-HMAC-SHA256");
  EXPECT_EQ(FieldValue(*form, "x-amz-credential"),
            "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request");
  EXPECT_EQ(FieldValue(*form, "x-amz-date"), "20151229T000000Z");
  EXPECT_EQ(FieldValue(*form, "x-amz-security-token"), "session-token");
  EXPECT_EQ(form->fields.back().first, "x-amz-signature");
  EXPECT_EQ(FieldValue(*form, "policy"), Base64Encode(form->policy_document));
  SigningKey key = DeriveSigningKey(credentials.secret_access_key, "20151229", "us-east-1", "s3");
  EXPECT_EQ(FieldValue(*form, "x-amz-signature"), SignPostPolicy(key, FieldValue(*form, "policy")));

  Result<Json> policy = ParseJson(form->policy_document);
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ((*policy)["expiration"], "2015-12-30T12:00:00Z");
  const Json expected_conditions = Json::parse(R"([
    ["starts-with", "$Content-Type", "image/"],
    ["content-length-range", 0, 1048576],
    {"bucket": "sigv4examplebucket"},
    ["starts-with", "$key", "user/user1/"],
    {"acl": "public-read"},
    {"x-amz-algorithm": "AWS4-HMAC-SHA256"},
    {"x-amz-credential": "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request"},
    {"x-amz-date": "20151229T000000Z"},
    {"x-amz-security-token": "session-token"}])");
  EXPECT_EQ((*policy)["conditions"], expected_conditions);
}

TEST(PostPolicyTest, AnExactKeyIsAnExactCondition) {
  FakeClock clock;
  Signer signer(clock);
  PostPolicyRequest request;
  request.bucket = "bucket";
  request.key = "uploads/report.pdf";
  Result<PostPolicyForm> form =
      BuildPostPolicyForm(request, kExampleCredentials, "eu-west-1", signer);
  ASSERT_TRUE(form.ok());
  EXPECT_NE(form->policy_document.find(R"({"key":"uploads/report.pdf"})"), std::string::npos);
  EXPECT_EQ(FieldValue(*form, "x-amz-security-token"), "(missing)");
}

TEST(PostPolicyTest, RejectsBadInput) {
  FakeClock clock;
  Signer signer(clock);
  PostPolicyRequest request;
  request.bucket = "bucket";
  request.key = "key";
  request.conditions = Json::array({"not-a-condition"});
  EXPECT_EQ(BuildPostPolicyForm(request, kExampleCredentials, "us-east-1", signer).status().code(),
            StatusCode::kInvalidArgument);
  request.conditions = Json::array();
  request.expires_in = std::chrono::seconds(0);
  EXPECT_EQ(BuildPostPolicyForm(request, kExampleCredentials, "us-east-1", signer).status().code(),
            StatusCode::kInvalidArgument);
  request.expires_in = std::chrono::hours(1);
  request.bucket.clear();
  EXPECT_EQ(BuildPostPolicyForm(request, kExampleCredentials, "us-east-1", signer).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vueops::auth
