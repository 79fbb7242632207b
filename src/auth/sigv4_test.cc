#include "auth/sigv4.h"

#include <gtest/gtest.h>

#include "auth/aws_time.h"
#include "auth/canonical_request.h"
#include "auth/crypto.h"
#include "auth/testing/test_credentials.h"

namespace vueops::auth {
namespace {

using testing::MakeCredentials;

// The example credentials of the S3 API Reference's SigV4 examples.
const Credentials kS3ExampleCredentials =
    MakeCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
constexpr char kEmptySha256[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

Clock::TimePoint At(const char* iso8601) { return *ParseIso8601(iso8601); }

TEST(CanonicalUriTest, StandardServicesNormalizeAndEncodeTheWirePathAgain) {
  EXPECT_EQ(CanonicalUri("", true, true), "/");
  EXPECT_EQ(CanonicalUri("/a/./b/../c//d/", true, true), "/a/c/d/");
  EXPECT_EQ(CanonicalUri("/../..", true, true), "/");
  // "%20" on the wire is signed as "%2520": the double encoding AWS services expect.
  EXPECT_EQ(CanonicalUri("/my%20doc", true, true), "/my%2520doc");
  EXPECT_EQ(CanonicalUri("/~user/a:b", true, true), "/~user/a%3Ab");
}

TEST(CanonicalUriTest, S3SignsThePathExactlyAsSent) {
  EXPECT_EQ(CanonicalUri("/my-object//example//photo.user", false, false),
            "/my-object//example//photo.user");
  EXPECT_EQ(CanonicalUri("/test%24file.text", false, false), "/test%24file.text");
  EXPECT_EQ(CanonicalUri("/a/../b", false, false), "/a/../b");
  EXPECT_EQ(CanonicalUri("", false, false), "/");
}

TEST(CanonicalQueryStringTest, SortsEncodesAndKeepsEmptyValues) {
  EXPECT_EQ(CanonicalQueryString(""), "");
  EXPECT_EQ(CanonicalQueryString("lifecycle"), "lifecycle=");
  EXPECT_EQ(CanonicalQueryString("prefix=J&max-keys=2"), "max-keys=2&prefix=J");
  EXPECT_EQ(CanonicalQueryString("b=2&a=&a=1"), "a=&a=1&b=2");
  // Raw and already-encoded input canonicalize alike; lowercase hex is normalized.
  EXPECT_EQ(CanonicalQueryString("k=a b/c"), "k=a%20b%2Fc");
  EXPECT_EQ(CanonicalQueryString("k=a%20b%2fc"), "k=a%20b%2Fc");
  // '+' in a URL is a plus sign, not a space.
  EXPECT_EQ(CanonicalQueryString("k=a+b"), "k=a%2Bb");
  EXPECT_EQ(CanonicalQueryString("a=1&&b=2&"), "a=1&b=2");
}

TEST(CanonicalHeadersTest, LowercasesSortsTrimsAndJoinsRepeatedHeaders) {
  http::Headers headers = {{"X-Amz-Date", "20150830T123600Z"},
                           {"My-Header", "  a   b\t c  "},
                           {"my-header", "second"},
                           {"User-Agent", "vueops/0.1"},
                           {"Authorization", "old"}};
  CanonicalHeaders canonical = BuildCanonicalHeaders(headers, "example.com:8443");
  EXPECT_EQ(canonical.canonical,
            "host:example.com:8443\nmy-header:a b c,second\nx-amz-date:20150830T123600Z\n");
  EXPECT_EQ(canonical.signed_headers, "host;my-header;x-amz-date");
}

TEST(CanonicalHeadersTest, AHostHeaderOnTheRequestWins) {
  CanonicalHeaders canonical = BuildCanonicalHeaders({{"Host", "bucket.example"}}, "other");
  EXPECT_EQ(canonical.canonical, "host:bucket.example\n");
}

TEST(SigningKeyTest, MatchesTheIamUserGuideExample) {
  // "Examples of how to derive a signing key for Signature Version 4" (AWS General Reference).
  EXPECT_EQ(HexEncode(DeriveSigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215",
                                       "us-east-1", "iam")),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST(SigningKeyTest, CacheReturnsTheDerivedKeyAndNoticesARotatedSecret) {
  SigningKeyCache cache;
  Credentials credentials = MakeCredentials("AKID", "secret-one");
  SigningKey first = cache.Get(credentials, "20240101", "us-east-1", "sts");
  EXPECT_EQ(first, DeriveSigningKey("secret-one", "20240101", "us-east-1", "sts"));
  EXPECT_EQ(cache.Get(credentials, "20240101", "us-east-1", "sts"), first);
  EXPECT_NE(cache.Get(credentials, "20240102", "us-east-1", "sts"), first);
  credentials.secret_access_key = "secret-two";
  EXPECT_EQ(cache.Get(credentials, "20240101", "us-east-1", "sts"),
            DeriveSigningKey("secret-two", "20240101", "us-east-1", "sts"));
}

// The four header-signing examples of the S3 API Reference, "Signature Calculations for the
// Authorization Header: Transferring Payload in a Single Chunk".
class S3HeaderExamplesTest : public ::testing::Test {
 protected:
  FakeClock clock_{At("2013-05-24T00:00:00Z")};
  Signer signer_{clock_};

  std::string SignS3(http::Request request) {
    SigningTrace trace;
    Status status = signer_.Sign(request, kS3ExampleCredentials, "us-east-1", "s3",
                                 SigningOptions::S3(), &trace);
    EXPECT_TRUE(status.ok()) << status.ToString();
    return trace.signature;
  }
};

TEST_F(S3HeaderExamplesTest, GetObject) {
  http::Request request{
      "GET", "https://examplebucket.s3.amazonaws.com/test.txt", {{"Range", "bytes=0-9"}}, ""};
  EXPECT_EQ(SignS3(request), "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST_F(S3HeaderExamplesTest, PutObject) {
  http::Request request{
      "PUT",
      "https://examplebucket.s3.amazonaws.com/test%24file.text",
      {{"Date", "Fri, 24 May 2013 00:00:00 GMT"}, {"x-amz-storage-class", "REDUCED_REDUNDANCY"}},
      "Welcome to Amazon S3."};
  EXPECT_EQ(SignS3(request), "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST_F(S3HeaderExamplesTest, GetBucketLifecycle) {
  http::Request request{"GET", "https://examplebucket.s3.amazonaws.com/?lifecycle", {}, ""};
  EXPECT_EQ(SignS3(request), "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

TEST_F(S3HeaderExamplesTest, ListObjects) {
  http::Request request{
      "GET", "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J", {}, ""};
  EXPECT_EQ(SignS3(request), "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SignerTest, SetsDateTokenAndAuthorizationAndReplacesAnEarlierSignature) {
  FakeClock clock(At("2024-03-01T10:20:30Z"));
  Signer signer(clock);
  Credentials credentials = MakeCredentials("ASIAEXAMPLE", "secret", "the-session-token");
  http::Request request{"POST", "https://sts.amazonaws.com/", {{"Content-Type", "x"}}, "body"};
  ASSERT_TRUE(signer.Sign(request, credentials, "us-east-1", "sts").ok());
  EXPECT_EQ(*http::FindHeader(request.headers, "X-Amz-Date"), "20240301T102030Z");
  EXPECT_EQ(*http::FindHeader(request.headers, "X-Amz-Security-Token"), "the-session-token");
  EXPECT_EQ(http::FindHeader(request.headers, "X-Amz-Content-SHA256"), nullptr);
  const std::string first = *http::FindHeader(request.headers, "Authorization");
  EXPECT_NE(first.find("Credential=ASIAEXAMPLE/20240301/us-east-1/sts/aws4_request, "
                       "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "),
            std::string::npos)
      << first;

  // A retry re-signs the same request: still one Authorization, one date, one token.
  clock.Advance(std::chrono::seconds(5));
  ASSERT_TRUE(signer.Sign(request, credentials, "us-east-1", "sts").ok());
  int authorizations = 0;
  for (const auto& [name, value] : request.headers) {
    if (name == "Authorization") ++authorizations;
  }
  EXPECT_EQ(authorizations, 1);
  EXPECT_EQ(*http::FindHeader(request.headers, "X-Amz-Date"), "20240301T102035Z");
  EXPECT_NE(*http::FindHeader(request.headers, "Authorization"), first);
}

TEST(SignerTest, UnsignedPayloadIsSignedAndSentAsContentSha256) {
  FakeClock clock(At("2024-03-01T10:20:30Z"));
  Signer signer(clock);
  http::Request request{"PUT", "https://bucket.s3.amazonaws.com/key", {}, "streamed body"};
  SigningOptions options = SigningOptions::S3();
  options.unsigned_payload = true;
  SigningTrace trace;
  ASSERT_TRUE(
      signer.Sign(request, MakeCredentials("AKID", "secret"), "eu-west-1", "s3", options, &trace)
          .ok());
  EXPECT_EQ(*http::FindHeader(request.headers, "x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
  EXPECT_TRUE(trace.canonical_request.ends_with("\nUNSIGNED-PAYLOAD"));

  http::Request s3_request{"GET", "https://bucket.s3.amazonaws.com/key", {}, ""};
  ASSERT_TRUE(signer
                  .Sign(s3_request, MakeCredentials("AKID", "secret"), "eu-west-1", "s3",
                        SigningOptions::S3())
                  .ok());
  EXPECT_EQ(*http::FindHeader(s3_request.headers, "x-amz-content-sha256"), kEmptySha256);
}

TEST(SignerTest, HostOmitsDefaultPortsOnly) {
  FakeClock clock;
  Signer signer(clock);
  SigningTrace trace;
  http::Request request{"GET", "http://127.0.0.1:5000/", {}, ""};
  ASSERT_TRUE(signer
                  .Sign(request, MakeCredentials("AKID", "secret"), "us-east-1", "ec2",
                        SigningOptions::Standard(), &trace)
                  .ok());
  EXPECT_NE(trace.canonical_request.find("\nhost:127.0.0.1:5000\n"), std::string::npos);
  request = {"GET", "https://ec2.us-east-1.amazonaws.com:443/", {}, ""};
  ASSERT_TRUE(signer
                  .Sign(request, MakeCredentials("AKID", "secret"), "us-east-1", "ec2",
                        SigningOptions::Standard(), &trace)
                  .ok());
  EXPECT_NE(trace.canonical_request.find("\nhost:ec2.us-east-1.amazonaws.com\n"),
            std::string::npos);
}

TEST(SignerTest, RejectsMissingInputsWithoutLeakingTheSecret) {
  FakeClock clock;
  Signer signer(clock);
  http::Request request{"GET", "https://iam.amazonaws.com/", {}, ""};
  Status no_key = signer.Sign(request, MakeCredentials("", "super-secret", "", "profile x"),
                              "us-east-1", "iam");
  EXPECT_EQ(no_key.code(), StatusCode::kUnauthenticated);
  EXPECT_NE(no_key.message().find("profile x"), std::string::npos);
  EXPECT_EQ(no_key.message().find("super-secret"), std::string::npos);
  EXPECT_EQ(signer.Sign(request, MakeCredentials("AKID", "s"), "", "iam").code(),
            StatusCode::kInvalidArgument);
  request.url = "not a url";
  EXPECT_EQ(signer.Sign(request, MakeCredentials("AKID", "s"), "us-east-1", "iam").code(),
            StatusCode::kInvalidArgument);
}

TEST(PresignTest, MatchesTheS3PresignedGetExample) {
  // S3 API Reference, "Authenticating Requests: Using Query Parameters", the example URL.
  FakeClock clock(At("2013-05-24T00:00:00Z"));
  Signer signer(clock);
  http::Request request{"GET", "https://examplebucket.s3.amazonaws.com/test.txt", {}, ""};
  ASSERT_TRUE(
      signer.Presign(request, kS3ExampleCredentials, "us-east-1", "s3", std::chrono::seconds(86400))
          .ok());
  EXPECT_EQ(request.url,
            "https://examplebucket.s3.amazonaws.com/test.txt"
            "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

TEST(PresignTest, PutWithTemporaryCredentialsCarriesTheTokenAndKeepsTheQuery) {
  FakeClock clock(At("2024-03-01T00:00:00Z"));
  Signer signer(clock);
  Credentials credentials = MakeCredentials("ASIAKEY", "secret", "token/with+chars=");
  http::Request request{"PUT", "https://b.s3.amazonaws.com/k?partNumber=1&uploadId=u", {}, ""};
  SigningTrace trace;
  ASSERT_TRUE(signer
                  .Presign(request, credentials, "us-east-1", "s3", std::chrono::seconds(3600),
                           SigningOptions::S3Presign(), &trace)
                  .ok());
  EXPECT_TRUE(request.url.starts_with("https://b.s3.amazonaws.com/k?partNumber=1&uploadId=u&"));
  EXPECT_NE(request.url.find("&X-Amz-Security-Token=token%2Fwith%2Bchars%3D&"), std::string::npos);
  EXPECT_TRUE(request.url.ends_with("&X-Amz-Signature=" + trace.signature));
  // Sorted byte-wise, the X-Amz-* parameters come before the lowercase names.
  EXPECT_NE(trace.canonical_request.find("&partNumber=1&uploadId=u\nhost:b.s3.amazonaws.com\n"),
            std::string::npos)
      << trace.canonical_request;
  EXPECT_NE(trace.canonical_request.find("X-Amz-Security-Token=token%2Fwith%2Bchars%3D"),
            std::string::npos);
}

TEST(PresignTest, ExpiryIsLimitedToSevenDays) {
  FakeClock clock;
  Signer signer(clock);
  http::Request request{"GET", "https://b.s3.amazonaws.com/k", {}, ""};
  EXPECT_TRUE(
      signer.Presign(request, MakeCredentials("AKID", "s"), "us-east-1", "s3", kMaxPresignExpiry)
          .ok());
  request.url = "https://b.s3.amazonaws.com/k";
  Status too_long = signer.Presign(request, MakeCredentials("AKID", "s"), "us-east-1", "s3",
                                   kMaxPresignExpiry + std::chrono::seconds(1));
  EXPECT_EQ(too_long.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(too_long.message().find("604800"), std::string::npos) << too_long.message();
  EXPECT_NE(too_long.message().find("7 days"), std::string::npos);
  EXPECT_EQ(signer
                .Presign(request, MakeCredentials("AKID", "s"), "us-east-1", "s3",
                         std::chrono::seconds(0))
                .code(),
            StatusCode::kInvalidArgument);
}

TEST(PresignTest, RefusesAnAlreadyPresignedUrl) {
  FakeClock clock;
  Signer signer(clock);
  http::Request request{"GET", "https://b.s3.amazonaws.com/k", {}, ""};
  ASSERT_TRUE(signer
                  .Presign(request, MakeCredentials("AKID", "s"), "us-east-1", "s3",
                           std::chrono::seconds(60))
                  .ok());
  EXPECT_EQ(signer
                .Presign(request, MakeCredentials("AKID", "s"), "us-east-1", "s3",
                         std::chrono::seconds(60))
                .code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vueops::auth
