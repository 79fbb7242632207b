#include "client/aws_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/credentials_provider.h"
#include "auth/testing/test_credentials.h"
#include "client/checksums.h"
#include "client/customizations.h"
#include "http/fake_transport.h"

namespace vueops::client {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";
constexpr char kToken[] = "FwoGZXIvYXdzEBYaDSESSIONTOKENVALUE";

constexpr char kCallerIdentity[] =
    R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ops</Arn>
  <UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult>
  <ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>)";

std::string QueryError(std::string_view code, std::string_view message) {
  return "<ErrorResponse><Error><Type>Sender</Type><Code>" + std::string(code) +
         "</Code><Message>" + std::string(message) +
         "</Message></Error><RequestId>req-err</RequestId></ErrorResponse>";
}

std::string HeaderOf(const http::Request& request, std::string_view name) {
  const std::string* value = http::FindHeader(request.headers, name);
  return value == nullptr ? "" : *value;
}

class AwsClientTest : public ::testing::Test {
 protected:
  AwsClient MakeClient(std::string region = "us-east-1", std::string endpoint_url = "") {
    ClientConfig config;
    config.region = std::move(region);
    config.endpoint_url = std::move(endpoint_url);
    return AwsClient(context_, Credentials(), config);
  }

  std::shared_ptr<auth::RefreshingCredentials> Credentials(
      std::string key_id = "AKIDEXAMPLE", std::optional<Clock::TimePoint> expiration = {}) {
    auth::Credentials credentials =
        auth::testing::MakeCredentials(std::move(key_id), kSecret, kToken, "test credentials");
    credentials.expiration = expiration;
    return std::make_shared<auth::RefreshingCredentials>(
        std::make_unique<auth::StaticCredentialsProvider>(credentials), clock_);
  }

  http::Request LastRequest() const { return transport_.calls().back().request; }

  http::FakeTransport transport_;
  FakeClock clock_;
  FakeRandomSource random_{{0.5}};
  MapEnvironment environment_;
  std::shared_ptr<ClientContext> context_ =
      std::make_shared<ClientContext>(&transport_, &clock_, &random_, nullptr, &environment_);
};

TEST_F(AwsClientTest, SignsEveryRequestWithSigV4ForTheResolvedEndpoint) {
  transport_.Enqueue(200, kCallerIdentity);
  AwsClient client = MakeClient();
  CallInfo info;
  Result<Json> output = client.Call("sts", "get-caller-identity", Json::object(), &info);
  ASSERT_TRUE(output.ok()) << output.status().ToString();
  EXPECT_EQ((*output)["Account"], "123456789012");
  EXPECT_EQ(info.attempts, 1);
  EXPECT_EQ(info.request_id, "req-ok");
  EXPECT_EQ(info.url, "https://sts.us-east-1.amazonaws.com/");

  http::Request request = LastRequest();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://sts.us-east-1.amazonaws.com/");
  EXPECT_THAT(request.body, HasSubstr("Action=GetCallerIdentity"));
  EXPECT_THAT(HeaderOf(request, "Authorization"),
              StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/us-east-1/sts/"
                         "aws4_request, SignedHeaders="));
  EXPECT_EQ(HeaderOf(request, "X-Amz-Date"), "20231114T221320Z");
  EXPECT_EQ(HeaderOf(request, "X-Amz-Security-Token"), kToken);
  EXPECT_THAT(HeaderOf(request, "User-Agent"), StartsWith("vueops/"));
  // Only S3 sends the payload hash as a header.
  EXPECT_EQ(HeaderOf(request, "X-Amz-Content-SHA256"), "");
}

TEST_F(AwsClientTest, GlobalServicesSignForUsEast1WhateverTheRegion) {
  transport_.Enqueue(200,
                     "<ListUsersResponse><ListUsersResult><Users/><IsTruncated>false"
                     "</IsTruncated></ListUsersResult></ListUsersResponse>");
  ASSERT_TRUE(MakeClient("eu-west-1").Call("iam", "ListUsers", Json::object()).ok());
  http::Request request = LastRequest();
  EXPECT_EQ(request.url, "https://iam.amazonaws.com/");
  EXPECT_THAT(HeaderOf(request, "Authorization"), HasSubstr("/us-east-1/iam/aws4_request"));
}

TEST_F(AwsClientTest, ThrottlingIsRetriedWithFullJitterBackoffOnTheClock) {
  transport_.Enqueue(400, QueryError("Throttling", "Rate exceeded"));
  transport_.Enqueue(400, QueryError("Throttling", "Rate exceeded"));
  transport_.Enqueue(200, kCallerIdentity);
  CallInfo info;
  Result<Json> output = MakeClient().Call("sts", "GetCallerIdentity", Json::object(), &info);
  ASSERT_TRUE(output.ok()) << output.status().ToString();
  EXPECT_EQ((*output)["Arn"], "arn:aws:iam::123456789012:user/ops");
  EXPECT_EQ(info.attempts, 3);
  EXPECT_EQ(transport_.call_count(), 3u);
  // random 0.5 * 2^0 s, then 0.5 * 2^1 s.
  EXPECT_EQ(clock_.total_slept(), std::chrono::milliseconds(1500));
  // Each attempt is signed anew.
  std::vector<http::FakeTransport::Call> calls = transport_.calls();
  EXPECT_NE(HeaderOf(calls[0].request, "X-Amz-Date"), HeaderOf(calls[2].request, "X-Amz-Date"));
}

TEST_F(AwsClientTest, ThrottlingBeyondMaxAttemptsIsAResourceExhaustedError) {
  for (int i = 0; i < 3; ++i) transport_.Enqueue(400, QueryError("Throttling", "Rate exceeded"));
  CallInfo info;
  Result<Json> output = MakeClient().Call("sts", "GetCallerIdentity", Json::object(), &info);
  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(output.status().message(),
            "sts GetCallerIdentity: Throttling: Rate exceeded (HTTP 400, request id req-err)");
  EXPECT_EQ(info.attempts, 3);
  ASSERT_TRUE(info.error.has_value());
  EXPECT_EQ(info.error->code, "Throttling");
}

TEST_F(AwsClientTest, ServiceErrorsMapToStatusesAndAreNotRetried) {
  transport_.Enqueue(400,
                     "<Response><Errors><Error><Code>InvalidGroup.NotFound</Code><Message>The "
                     "security group 'sg-1' does not exist</Message></Error></Errors>"
                     "<RequestID>req-1</RequestID></Response>");
  CallInfo info;
  Result<Json> output =
      MakeClient().Call("ec2", "DescribeSecurityGroups", Json{{"GroupIds", {"sg-1"}}}, &info);
  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(output.status().message(),
            "ec2 DescribeSecurityGroups: InvalidGroup.NotFound: The security group 'sg-1' does "
            "not exist (HTTP 400, request id req-1)");
  EXPECT_EQ(transport_.call_count(), 1u);
  EXPECT_EQ(info.error->code, "InvalidGroup.NotFound");
  EXPECT_EQ(info.http_status, 400);
}

TEST_F(AwsClientTest, EveryInputProblemIsNamedBeforeAnythingIsSent) {
  Result<Json> output =
      MakeClient().Call("iam", "create-role", Json{{"Path", "/"}, {"RoleNam", "x"}});
  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(output.status().message(), StartsWith("iam CreateRole: Parameter validation failed"));
  EXPECT_THAT(output.status().message(), HasSubstr("Missing required parameter: RoleName"));
  EXPECT_THAT(output.status().message(),
              HasSubstr("Missing required parameter: AssumeRolePolicyDocument"));
  EXPECT_THAT(output.status().message(), HasSubstr("did you mean \"RoleName\""));
  EXPECT_EQ(transport_.call_count(), 0u);
}

TEST_F(AwsClientTest, UnknownServicesAndOperationsSuggestTheClosestName) {
  Result<Json> service = MakeClient().Call("ec3", "DescribeVpcs", Json::object());
  EXPECT_EQ(service.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(service.status().message(), HasSubstr("did you mean 'ec2'?"));
  Result<Json> operation = MakeClient().Call("ec2", "describe-vpc", Json::object());
  EXPECT_THAT(operation.status().message(), HasSubstr("did you mean 'describe-vpcs'?"));
  EXPECT_EQ(transport_.call_count(), 0u);
}

TEST_F(AwsClientTest, AllPagesAreMergedAsTheCliPaginates) {
  auto page = [](std::string users, std::string tail) {
    return "<ListUsersResponse><ListUsersResult><Users>" + users + "</Users>" + tail +
           "</ListUsersResult></ListUsersResponse>";
  };
  auto user = [](std::string name) {
    return "<member><UserName>" + name + "</UserName><Path>/</Path><UserId>" + name +
           "-id</UserId><Arn>arn:aws:iam::1:user/" + name +
           "</Arn><CreateDate>2020-01-01T00:00:00Z</CreateDate></member>";
  };
  transport_.Enqueue(
      200, page(user("a") + user("b"), "<IsTruncated>true</IsTruncated><Marker>m1</Marker>"));
  transport_.Enqueue(200, page(user("c"), "<IsTruncated>false</IsTruncated>"));
  Result<Json> all = MakeClient().CallAllPages("iam", "ListUsers", Json::object());
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ((*all)["Users"].size(), 3u);
  EXPECT_EQ((*all)["Users"][2]["UserName"], "c");
  EXPECT_FALSE(all->contains("Marker"));
  EXPECT_THAT(transport_.calls()[1].request.body, HasSubstr("Marker=m1"));

  // ForEachPage hands over each page as it comes, and stops when told to.
  transport_.Enqueue(200, page(user("a"), "<IsTruncated>true</IsTruncated><Marker>m1</Marker>"));
  int pages = 0;
  Status stopped =
      MakeClient().ForEachPage("iam", "ListUsers", Json::object(), [&](const Json& one) {
        ++pages;
        EXPECT_EQ(one["Users"].size(), 1u);
        return AbortedError("enough");
      });
  EXPECT_EQ(stopped.code(), StatusCode::kAborted);
  EXPECT_EQ(pages, 1);
}

TEST_F(AwsClientTest, WaitersPollOnTheContextsClock) {
  transport_.Enqueue(200, R"({"Table": {"TableName": "locks", "TableStatus": "CREATING"}})");
  transport_.Enqueue(400,
                     R"({"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                              "message": "gone for a moment"})");
  transport_.Enqueue(200, R"({"Table": {"TableName": "locks", "TableStatus": "ACTIVE"}})");
  Status waited = MakeClient().Wait("dynamodb", "table-exists", Json{{"TableName", "locks"}});
  EXPECT_TRUE(waited.ok()) << waited.ToString();
  EXPECT_EQ(transport_.call_count(), 3u);
  // waiters-2.json: TableExists polls every 20 seconds.
  EXPECT_EQ(clock_.total_slept(), std::chrono::seconds(40));
}

TEST_F(AwsClientTest, S3BucketsGoInTheHostOnAwsAndInThePathElsewhere) {
  for (int i = 0; i < 4; ++i) transport_.Enqueue(200, "");
  AwsClient aws = MakeClient("us-west-2");
  ASSERT_TRUE(
      aws.Call("s3", "GetObject", Json{{"Bucket", "my-bucket"}, {"Key", "a/b c.txt"}}).ok());
  EXPECT_EQ(LastRequest().url, "https://my-bucket.s3.us-west-2.amazonaws.com/a/b%20c.txt");
  EXPECT_EQ(HeaderOf(LastRequest(), "X-Amz-Content-SHA256"),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  ASSERT_TRUE(
      aws.Call("s3", "PutBucketVersioning",
               Json{{"Bucket", "my-bucket"}, {"VersioningConfiguration", {{"Status", "Enabled"}}}})
          .ok());
  EXPECT_EQ(LastRequest().url, "https://my-bucket.s3.us-west-2.amazonaws.com/?versioning");
  // A dotted name cannot be a host label under the wildcard certificate.
  ASSERT_TRUE(aws.Call("s3", "GetObject", Json{{"Bucket", "my.bucket"}, {"Key", "k"}}).ok());
  EXPECT_EQ(LastRequest().url, "https://s3.us-west-2.amazonaws.com/my.bucket/k");
  // A custom endpoint (moto) is always path-style.
  ASSERT_TRUE(MakeClient("us-west-2", "http://127.0.0.1:5000")
                  .Call("s3", "GetObject", Json{{"Bucket", "my-bucket"}, {"Key", "k"}})
                  .ok());
  EXPECT_EQ(LastRequest().url, "http://127.0.0.1:5000/my-bucket/k");
  EXPECT_THAT(HeaderOf(LastRequest(), "Authorization"), HasSubstr("/us-west-2/s3/aws4_request"));
}

TEST_F(AwsClientTest, S3AnswersFromTheWrongRegionAreFollowedOnce) {
  transport_.Enqueue(301,
                     "<Error><Code>PermanentRedirect</Code><Message>The bucket you are "
                     "attempting to access must be addressed using the specified endpoint."
                     "</Message></Error>",
                     {{"x-amz-bucket-region", "eu-west-1"}});
  transport_.Enqueue(200,
                     "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>");
  CallInfo info;
  Result<Json> versioning =
      MakeClient().Call("s3", "GetBucketVersioning", Json{{"Bucket", "logs-bucket"}}, &info);
  ASSERT_TRUE(versioning.ok()) << versioning.status().ToString();
  EXPECT_EQ((*versioning)["Status"], "Enabled");
  EXPECT_EQ(LastRequest().url, "https://logs-bucket.s3.eu-west-1.amazonaws.com/?versioning");
  EXPECT_THAT(HeaderOf(LastRequest(), "Authorization"), HasSubstr("/eu-west-1/s3/aws4_request"));
  // A second redirect is not followed: it is the error.
  for (int i = 0; i < 2; ++i) {
    transport_.Enqueue(301, "<Error><Code>PermanentRedirect</Code></Error>",
                       {{"x-amz-bucket-region", i == 0 ? "eu-west-1" : "ap-south-1"}});
  }
  Result<Json> looping = MakeClient().Call("s3", "GetBucketVersioning", Json{{"Bucket", "b"}});
  EXPECT_FALSE(looping.ok());
  EXPECT_THAT(looping.status().message(), HasSubstr("PermanentRedirect"));
  EXPECT_EQ(transport_.pending(), 0u);
}

TEST_F(AwsClientTest, S3CopyErrorsInsideA200AreRetriedErrors) {
  for (int i = 0; i < 3; ++i) {
    transport_.Enqueue(200,
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError"
                       "</Code><Message>We encountered an internal error.</Message></Error>");
  }
  CallInfo info;
  Result<Json> copied = MakeClient().Call(
      "s3", "CopyObject", Json{{"Bucket", "b1"}, {"Key", "k2"}, {"CopySource", "b1/k1"}}, &info);
  ASSERT_FALSE(copied.ok());
  EXPECT_EQ(info.attempts, 3);
  EXPECT_THAT(copied.status().message(), HasSubstr("InternalError"));
}

TEST_F(AwsClientTest, ChecksumRequiredOperationsCarryContentMd5) {
  EXPECT_EQ(ContentMd5(""), "1B2M2Y8AsgTpgAmY7PhCfg==");  // RFC 1321's MD5("") in base64
  transport_.Enqueue(200, "");
  ASSERT_TRUE(MakeClient()
                  .Call("s3", "PutBucketCors",
                        Json::parse(R"({"Bucket": "b1", "CORSConfiguration": {"CORSRules": [
                            {"AllowedMethods": ["GET"], "AllowedOrigins": ["*"]}]}})"))
                  .ok());
  http::Request request = LastRequest();
  ASSERT_FALSE(request.body.empty());
  EXPECT_EQ(HeaderOf(request, "Content-MD5"), ContentMd5(request.body));
  // Operations without the trait get none.
  transport_.Enqueue(200, "");
  ASSERT_TRUE(MakeClient().Call("s3", "GetObject", Json{{"Bucket", "b1"}, {"Key", "k"}}).ok());
  EXPECT_EQ(HeaderOf(LastRequest(), "Content-MD5"), "");
}

TEST_F(AwsClientTest, S3SignsTheBodyHashOrUnsignedPayloadAsTheModelSays) {
  transport_.Enqueue(200, "");
  ASSERT_TRUE(MakeClient()
                  .Call("s3", "PutObject", Json{{"Bucket", "b1"}, {"Key", "k"}, {"Body", "x"}})
                  .ok());
  EXPECT_EQ(HeaderOf(LastRequest(), "X-Amz-Content-SHA256"),
            "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");  // SHA-256("x")
  // WriteGetObjectResponse is authtype v4-unsigned-body.
  transport_.Enqueue(200, "");
  ASSERT_TRUE(MakeClient()
                  .Call("s3", "WriteGetObjectResponse",
                        Json{{"RequestRoute", "route"}, {"RequestToken", "t"}, {"Body", "x"}})
                  .ok());
  EXPECT_EQ(HeaderOf(LastRequest(), "X-Amz-Content-SHA256"), "UNSIGNED-PAYLOAD");
}

TEST_F(AwsClientTest, OperationsWithoutAuthAreSentUnsigned) {
  transport_.Enqueue(200,
                     "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult>"
                     "</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>");
  AwsClient anonymous(context_, nullptr, ClientConfig{"us-east-1", "", {}, {}});
  Result<Json> output = anonymous.Call("sts", "AssumeRoleWithWebIdentity",
                                       Json{{"RoleArn", "arn:aws:iam::123456789012:role/web"},
                                            {"RoleSessionName", "session"},
                                            {"WebIdentityToken", "token"}});
  ASSERT_TRUE(output.ok()) << output.status().ToString();
  EXPECT_EQ(HeaderOf(LastRequest(), "Authorization"), "");
}

TEST_F(AwsClientTest, IamPolicyDocumentsComeBackAsJson) {
  transport_.Enqueue(200,
                     "<GetRoleResponse><GetRoleResult><Role><Path>/</Path><RoleName>r</RoleName>"
                     "<RoleId>AROA</RoleId><Arn>arn:aws:iam::1:role/r</Arn><CreateDate>"
                     "2020-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>"
                     "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"
                     "</AssumeRolePolicyDocument></Role></GetRoleResult></GetRoleResponse>");
  Result<Json> role = MakeClient().Call("iam", "GetRole", Json{{"RoleName", "r"}});
  ASSERT_TRUE(role.ok()) << role.status().ToString();
  EXPECT_EQ((*role)["Role"]["AssumeRolePolicyDocument"],
            Json::parse(R"({"Version": "2012-10-17", "Statement": []})"));
  // Member order of the document is kept, as json.loads keeps it.
  EXPECT_EQ((*role)["Role"]["AssumeRolePolicyDocument"].begin().key(), "Version");

  EXPECT_EQ(PercentDecode("a%2Fb+c%zz%4"), "a/b+c%zz%4");
}

TEST_F(AwsClientTest, AnEmptyBucketLocationIsNull) {
  transport_.Enqueue(200,
                     R"(<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>)");
  Result<Json> location = MakeClient().Call("s3", "GetBucketLocation", Json{{"Bucket", "b1"}});
  ASSERT_TRUE(location.ok()) << location.status().ToString();
  EXPECT_EQ(*location, Json::parse(R"({"LocationConstraint": null})"));
}

TEST_F(AwsClientTest, Route53IdsLoseTheirPathPrefix) {
  transport_.Enqueue(200, "");
  (void)MakeClient().Call("route53", "GetHostedZone", Json{{"Id", "/hostedzone/Z123"}});
  EXPECT_EQ(LastRequest().url, "https://route53.amazonaws.com/2013-04-01/hostedzone/Z123");
}

TEST_F(AwsClientTest, AFixedRateSpacesTheCallsToAService) {
  context_->SetFixedRate("route53", kRoute53RequestsPerSecond);
  constexpr char kZones[] =
      R"(<ListHostedZonesResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">)"
      "<HostedZones/><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems>"
      "</ListHostedZonesResponse>";
  AwsClient client = MakeClient();
  for (int i = 0; i < 3; ++i) {
    transport_.Enqueue(200, kZones);
    ASSERT_TRUE(client.Call("route53", "ListHostedZones", Json::object()).ok());
  }
  // Five per second: the second and third call each wait 200 ms.
  EXPECT_EQ(clock_.total_slept(), std::chrono::milliseconds(400));
}

TEST_F(AwsClientTest, RegionsPerCallAndPerClient) {
  transport_.Enqueue(200, kCallerIdentity);
  transport_.Enqueue(200, kCallerIdentity);
  AwsClient client = MakeClient();
  ASSERT_TRUE(client.InRegion("eu-west-1").Call("sts", "GetCallerIdentity", Json()).ok());
  EXPECT_EQ(LastRequest().url, "https://sts.eu-west-1.amazonaws.com/");
  CallOptions options;
  options.region = "ap-south-1";
  ASSERT_TRUE(client.Call("sts", "GetCallerIdentity", Json(), nullptr, options).ok());
  EXPECT_EQ(LastRequest().url, "https://sts.ap-south-1.amazonaws.com/");
  EXPECT_EQ(client.config().region, "us-east-1");
}

TEST_F(AwsClientTest, WithCredentialsSignsWithTheOtherIdentity) {
  transport_.Enqueue(200, kCallerIdentity);
  AwsClient other = MakeClient().WithCredentials(Credentials("ASIAOTHERROLE"));
  ASSERT_TRUE(other.Call("sts", "GetCallerIdentity", Json::object()).ok());
  EXPECT_THAT(HeaderOf(LastRequest(), "Authorization"), HasSubstr("Credential=ASIAOTHERROLE/"));
}

TEST_F(AwsClientTest, ConnectionFailuresAreRetriedThenReported) {
  for (int i = 0; i < 3; ++i) {
    transport_.Enqueue(
        UnavailableError("POST https://sts.us-east-1.amazonaws.com:443: "
                         "connection closed before the response"));
  }
  Result<Json> output = MakeClient().Call("sts", "GetCallerIdentity", Json::object());
  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(output.status().message(), StartsWith("sts GetCallerIdentity: POST https://"));
  EXPECT_THAT(output.status().message(), HasSubstr("(after 3 attempts)"));
}

TEST_F(AwsClientTest, GarbageAnswersAreClearErrors) {
  transport_.Enqueue(200, "<html>this is not STS</htm");
  Result<Json> garbage = MakeClient().Call("sts", "GetCallerIdentity", Json::object());
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().code(), StatusCode::kDataLoss);
  EXPECT_THAT(garbage.status().message(), StartsWith("sts GetCallerIdentity: "));
  // A gateway's 502 page is transient: retried, then reported with its status.
  for (int i = 0; i < 3; ++i) transport_.Enqueue(502, "<html>Bad Gateway</html>");
  Result<Json> gateway = MakeClient().Call("sts", "GetCallerIdentity", Json::object());
  EXPECT_EQ(gateway.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(gateway.status().message(), HasSubstr("HTTP 502"));
}

TEST_F(AwsClientTest, DamagedDynamoDbAnswersAreRetried) {
  constexpr char kBody[] = R"({"TableNames": ["locks"]})";
  transport_.Enqueue(200, kBody, {{"x-amz-crc32", "12345"}});
  transport_.Enqueue(200, kBody, {{"x-amz-crc32", "3301086836"}});
  CallInfo info;
  Result<Json> tables = MakeClient().Call("dynamodb", "ListTables", Json::object(), &info);
  ASSERT_TRUE(tables.ok()) << tables.status().ToString();
  EXPECT_EQ(info.attempts, 2);
  EXPECT_EQ((*tables)["TableNames"][0], "locks");
}

TEST_F(AwsClientTest, NoErrorEverCarriesASecret) {
  std::vector<Status> failures;
  // A service echoing the credentials back (a misbehaving proxy), a transport error quoting
  // them, a validation error, and a client without credentials.
  transport_.Enqueue(403, QueryError("InvalidClientTokenId",
                                     std::string("token ") + kToken + " secret " + kSecret));
  failures.push_back(MakeClient().Call("sts", "GetCallerIdentity", Json::object()).status());
  transport_.Enqueue(InvalidArgumentError(std::string("bad header ") + kToken));
  failures.push_back(MakeClient().Call("sts", "GetCallerIdentity", Json::object()).status());
  failures.push_back(MakeClient().Call("sts", "AssumeRole", Json{{"RoleArn", kSecret}}).status());
  failures.push_back(
      AwsClient(context_, nullptr, {}).Call("sts", "GetCallerIdentity", Json::object()).status());
  for (const Status& failure : failures) {
    EXPECT_FALSE(failure.ok());
    EXPECT_THAT(failure.message(), Not(HasSubstr(kToken)));
    EXPECT_THAT(failure.message(), Not(HasSubstr(kSecret))) << failure.message();
  }
  EXPECT_THAT(failures[0].message(), HasSubstr("<redacted>"));
  EXPECT_EQ(failures[0].code(), StatusCode::kUnauthenticated);
}

TEST_F(AwsClientTest, ExpiredCredentialsAreRefusedBeforeSending) {
  // RefreshingCredentials asks its provider again inside the mandatory window; a provider
  // that keeps returning expired credentials is an error naming where they came from.
  auth::Credentials expired =
      auth::testing::MakeCredentials("ASIAEXPIRED", kSecret, kToken, "environment variables");
  expired.expiration = clock_.Now() - std::chrono::minutes(1);
  class ExpiringProvider : public auth::CredentialsProvider {
   public:
    ExpiringProvider(auth::Credentials credentials, Clock& clock)
        : credentials_(std::move(credentials)), clock_(clock) {}
    Result<std::optional<auth::Credentials>> Provide() override {
      RETURN_IF_ERROR(auth::CheckNotExpired(credentials_, clock_.Now()));
      return std::optional<auth::Credentials>(credentials_);
    }
    std::string name() const override { return "expiring"; }

   private:
    auth::Credentials credentials_;
    Clock& clock_;
  };
  AwsClient client = MakeClient().WithCredentials(std::make_shared<auth::RefreshingCredentials>(
      std::make_unique<ExpiringProvider>(expired, clock_), clock_));
  Result<Json> output = client.Call("sts", "GetCallerIdentity", Json::object());
  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.status().code(), StatusCode::kUnauthenticated);
  EXPECT_THAT(output.status().message(), HasSubstr("expired"));
  EXPECT_EQ(transport_.call_count(), 0u);
}

}  // namespace
}  // namespace vueops::client
