#include "protocol/parser.h"

#include <gtest/gtest.h>

#include "model/model_registry.h"

namespace vueops::protocol {
namespace {

Json J(const char* text) { return ParseJson(text).value(); }

const model::Operation& Op(const char* service, const char* operation) {
  return *model::LoadServiceModel(service).value()->FindOperation(operation);
}

http::Response Response(int status, std::string body, http::Headers headers = {}) {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

TEST(ParserTest, QueryOutputIsReadUnderItsResultWrapper) {
  ParsedResponse parsed =
      ParseResponse(
          Op("sts", "GetCallerIdentity"),
          Response(200,
                   R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/ops</Arn>
    <UserId>AIDAEXAMPLE</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>)"))
          .value();
  EXPECT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.request_id, "01234567-89ab");
  EXPECT_EQ(parsed.output, J(R"({"UserId": "AIDAEXAMPLE", "Account": "123456789012",
                                 "Arn": "arn:aws:iam::123456789012:user/ops"})"));
  // Members come in model order, as the AWS CLI prints them.
  EXPECT_EQ(parsed.output.begin().key(), "UserId");
}

TEST(ParserTest, Ec2OutputWithNestedListsTimestampsAndRequestId) {
  ParsedResponse parsed =
      ParseResponse(
          Op("ec2", "DescribeSecurityGroups"),
          Response(
              200,
              R"(<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>req-1</requestId>
  <securityGroupInfo><item><groupId>sg-1</groupId><groupName>web</groupName>
    <ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>80</fromPort><toPort>80</toPort>
      <ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><groups/></item></ipPermissions>
    <tagSet><item><key>Name</key><value>a &amp; b</value></item></tagSet>
  </item></securityGroupInfo>
</DescribeSecurityGroupsResponse>)"))
          .value();
  EXPECT_EQ(parsed.request_id, "req-1");
  EXPECT_TRUE(JsonEqualUnordered(parsed.output,
                                 J(R"({"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "web",
          "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80,
                             "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "UserIdGroupPairs": []}],
          "Tags": [{"Key": "Name", "Value": "a & b"}]}]})")))
      << parsed.output.dump();

  ParsedResponse volumes = ParseResponse(Op("ec2", "DescribeVolumes"),
                                         Response(200, R"(<DescribeVolumesResponse><volumeSet><item>
      <volumeId>vol-1</volumeId><size>8</size><createTime>2014-04-29T18:30:38.123Z</createTime>
      <encrypted>true</encrypted></item></volumeSet></DescribeVolumesResponse>)"))
                               .value();
  EXPECT_TRUE(JsonEqualUnordered(
      volumes.output, J(R"({"Volumes": [{"CreateTime": "2014-04-29T18:30:38.123000+00:00",
                                        "Encrypted": true, "Size": 8, "VolumeId": "vol-1"}]})")))
      << volumes.output.dump();
  ParseOptions epoch;
  epoch.timestamps = TimestampOutput::kEpochSeconds;
  EXPECT_DOUBLE_EQ(
      ParseResponse(
          Op("ec2", "DescribeVolumes"),
          Response(
              200,
              R"(<R><volumeSet><item><createTime>1970-01-01T00:00:01.5Z</createTime></item></volumeSet></R>)"),
          epoch)
          .value()
          .output["Volumes"][0]["CreateTime"]
          .get<double>(),
      1.5);
}

TEST(ParserTest, WireTimestampsAreKeptAsTheServiceWroteThem) {
  ParseOptions wire;
  wire.timestamps = TimestampOutput::kWire;
  Json volumes =
      ParseResponse(Op("ec2", "DescribeVolumes"),
                    Response(200, R"(<R><volumeSet><item><createTime>2014-04-29T18:30:38.000Z)"
                                  R"(</createTime></item></volumeSet></R>)"),
                    wire)
          .value()
          .output;
  EXPECT_EQ(volumes["Volumes"][0]["CreateTime"], "2014-04-29T18:30:38.000Z");
  Json table = ParseResponse(Op("dynamodb", "DescribeTable"),
                             Response(200, R"({"Table": {"CreationDateTime": 1700000000.25}})"),
                             wire)
                   .value()
                   .output;
  EXPECT_EQ(table["Table"]["CreationDateTime"], 1700000000.25);
}

TEST(ParserTest, S3VersioningReadsMotosResponseNamedRoots) {
  // moto names these roots "...Response"; the element name is never checked.
  for (const char* root : {"VersioningConfiguration", "VersioningConfigurationResponse"}) {
    std::string body =
        std::string("<") + root +
        R"( xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></)" + root +
        ">";
    ParsedResponse parsed = ParseResponse(Op("s3", "GetBucketVersioning"),
                                          Response(200, body, {{"x-amz-request-id", "s3-req"}}))
                                .value();
    EXPECT_EQ(parsed.output, J(R"({"Status": "Enabled"})")) << root;
    EXPECT_EQ(parsed.request_id, "s3-req");
  }
  ParsedResponse accelerate =
      ParseResponse(Op("s3", "GetBucketAccelerateConfiguration"),
                    Response(200,
                             "<AccelerateConfigurationResponse><Status>Suspended</Status>"
                             "</AccelerateConfigurationResponse>"))
          .value();
  EXPECT_EQ(accelerate.output, J(R"({"Status": "Suspended"})"));
  // GetBucketLocation's root element is the member itself.
  EXPECT_EQ(ParseResponse(Op("s3", "GetBucketLocation"),
                          Response(200, R"(<?xml version="1.0" encoding="UTF-8"?>
<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>)"))
                .value()
                .output,
            J(R"({"LocationConstraint": "eu-west-1"})"));
  EXPECT_EQ(
      ParseResponse(
          Op("s3", "GetBucketLocation"),
          Response(200, R"(<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>)"))
          .value()
          .output,
      J(R"({"LocationConstraint": ""})"));
  // An empty body is an empty output, not an error.
  EXPECT_EQ(ParseResponse(Op("s3", "GetBucketVersioning"), Response(200, "")).value().output,
            Json::object());
}

TEST(ParserTest, RestOutputReadsHeadersPrefixMapsStatusAndRawPayload) {
  ParsedResponse parsed =
      ParseResponse(Op("s3", "GetObject"),
                    Response(200, std::string("\x00\x01binary", 8),
                             {{"Content-Length", "8"},
                              {"Last-Modified", "Tue, 29 Apr 2014 18:30:38 GMT"},
                              {"x-amz-meta-Owner", "vueops"},
                              {"ETag", "\"abc\""},
                              {"x-amz-delete-marker", "false"}}))
          .value();
  EXPECT_EQ(parsed.output["Body"].get<std::string>(), std::string("\x00\x01binary", 8));
  EXPECT_EQ(parsed.output["ContentLength"], 8);
  EXPECT_EQ(parsed.output["LastModified"], "2014-04-29T18:30:38+00:00");
  EXPECT_EQ(parsed.output["Metadata"], J(R"({"Owner": "vueops"})"));
  EXPECT_EQ(parsed.output["ETag"], "\"abc\"");
  EXPECT_EQ(parsed.output["DeleteMarker"], false);
}

TEST(ParserTest, JsonMapsDropNullValues) {
  ParsedResponse parsed =
      ParseResponse(Op("secretsmanager", "DescribeSecret"),
                    Response(200, R"({"VersionIdsToStages": {"v1": ["AWSCURRENT"], "v2": null}})"))
          .value();
  EXPECT_EQ(parsed.output, J(R"({"VersionIdsToStages": {"v1": ["AWSCURRENT"]}})"));
}

TEST(ParserTest, JsonOutputConvertsTimestampsAndBlobs) {
  ParsedResponse parsed = ParseResponse(Op("secretsmanager", "GetSecretValue"),
                                        Response(200, R"({"Name": "db", "SecretBinary": "aGVsbG8=",
                                      "CreatedDate": 1398796238, "Unknown": 1})",
                                                 {{"x-amzn-RequestId", "sm-1"}}))
                              .value();
  EXPECT_EQ(parsed.request_id, "sm-1");
  EXPECT_EQ(parsed.output, J(R"({"Name": "db", "SecretBinary": "aGVsbG8=",
                                 "CreatedDate": "2014-04-29T18:30:38+00:00"})"));
  ParseOptions raw;
  raw.blobs = BlobEncoding::kRaw;
  EXPECT_EQ(ParseResponse(Op("secretsmanager", "GetSecretValue"),
                          Response(200, R"({"SecretBinary": "aGVsbG8="})"), raw)
                .value()
                .output["SecretBinary"],
            "hello");
}

TEST(ParserTest, Ec2AndQueryErrorsBecomeServiceErrors) {
  ParsedResponse ec2 =
      ParseResponse(Op("ec2", "DescribeSecurityGroups"),
                    Response(400, R"(<Response><Errors><Error><Code>InvalidGroup.NotFound</Code>
      <Message>The security group 'sg-1' does not exist</Message></Error></Errors>
      <RequestID>ec2-req</RequestID></Response>)"))
          .value();
  ASSERT_FALSE(ec2.ok());
  EXPECT_EQ(ec2.error->code, "InvalidGroup.NotFound");
  EXPECT_EQ(ec2.error->message, "The security group 'sg-1' does not exist");
  EXPECT_EQ(ec2.error->request_id, "ec2-req");
  EXPECT_EQ(ec2.request_id, "ec2-req");
  EXPECT_EQ(ec2.error->http_status, 400);
  EXPECT_EQ(ec2.error->fault, Fault::kSender);
  EXPECT_EQ(ec2.error->ToStatus().code(), StatusCode::kNotFound);

  ParsedResponse iam =
      ParseResponse(
          Op("iam", "GetRole"),
          Response(404, R"(<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
      <Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>Role x not found</Message></Error>
      <RequestId>iam-req</RequestId></ErrorResponse>)"))
          .value();
  EXPECT_EQ(iam.error->code, "NoSuchEntity");
  EXPECT_EQ(iam.error->request_id, "iam-req");
  // Modeled as NoSuchEntityException (error code NoSuchEntity). Its member "message" has no
  // <message> element to read (the body says <Message>), exactly as botocore sees it.
  ASSERT_NE(iam.error->shape, nullptr);
  EXPECT_EQ(iam.error->shape->name, "NoSuchEntityException");
  EXPECT_EQ(iam.error->details, Json::object());

  ParsedResponse throttled =
      ParseResponse(Op("iam", "GetRole"),
                    Response(400, R"(<ErrorResponse><Error><Type>Receiver</Type>
      <Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>)"))
          .value();
  EXPECT_EQ(throttled.error->fault, Fault::kReceiver);
  EXPECT_TRUE(throttled.error->IsThrottling());
}

TEST(ParserTest, RestXmlErrorsFromTheBodyOrTheStatus) {
  ParsedResponse missing = ParseResponse(Op("s3", "GetBucketVersioning"),
                                         Response(404, R"(<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>
<BucketName>b</BucketName><RequestId>body-id</RequestId></Error>)",
                                                  {{"x-amz-request-id", "header-id"}}))
                               .value();
  EXPECT_EQ(missing.error->code, "NoSuchBucket");
  EXPECT_EQ(missing.error->request_id, "header-id");
  EXPECT_NE(missing.error->shape, nullptr);

  // A HEAD answer has no body: the status says it all.
  ParsedResponse head = ParseResponse(Op("s3", "HeadBucket"), Response(404, "")).value();
  EXPECT_EQ(head.error->code, "404");
  EXPECT_EQ(head.error->message, "Not Found");
  EXPECT_EQ(head.error->ToStatus().code(), StatusCode::kNotFound);

  ParsedResponse route53 = ParseResponse(Op("route53", "GetHostedZone"),
                                         Response(404, R"(<ErrorResponse><Error><Type>Sender</Type>
      <Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: Z1</Message></Error>
      <RequestId>r53</RequestId></ErrorResponse>)"))
                               .value();
  EXPECT_EQ(route53.error->code, "NoSuchHostedZone");
  EXPECT_EQ(route53.error->message, "No hosted zone found with ID: Z1");
  EXPECT_EQ(route53.error->request_id, "r53");
  EXPECT_NE(route53.error->shape, nullptr);
}

TEST(ParserTest, JsonErrorsWithModeledMembers) {
  ParsedResponse parsed =
      ParseResponse(
          Op("secretsmanager", "GetSecretValue"),
          Response(400, R"({"__type": "com.amazonaws.secretsmanager#ResourceNotFoundException",
                                      "Message": "Secrets Manager can't find the secret."})",
                   {{"x-amzn-RequestId", "sm-err"}}))
          .value();
  EXPECT_EQ(parsed.error->code, "ResourceNotFoundException");
  EXPECT_EQ(parsed.error->message, "Secrets Manager can't find the secret.");
  EXPECT_EQ(parsed.error->request_id, "sm-err");
  EXPECT_EQ(parsed.error->details, J(R"({"Message": "Secrets Manager can't find the secret."})"));

  ParsedResponse rest =
      ParseResponse(Op("sesv2", "GetEmailIdentity"),
                    Response(404, R"({"message": "Email identity x does not exist."})",
                             {{"x-amzn-ErrorType", "NotFoundException:http://internal"}}))
          .value();
  EXPECT_EQ(rest.error->code, "NotFoundException");
  EXPECT_EQ(rest.error->message, "Email identity x does not exist.");

  // A 5xx without a body is still the service's own error when it names it in a header.
  ParsedResponse named =
      ParseResponse(Op("dynamodb", "ListTables"),
                    Response(500, "", {{"X-Amzn-ErrorType", "InternalServerError"}}))
          .value();
  EXPECT_EQ(named.error->code, "InternalServerError");
  EXPECT_EQ(named.error->fault, Fault::kReceiver);

  ParsedResponse not_json =
      ParseResponse(Op("dynamodb", "ListTables"), Response(400, "Bad request, sorry")).value();
  EXPECT_EQ(not_json.error->code, "400");
  EXPECT_EQ(not_json.error->message, "Bad request, sorry");
}

TEST(ParserTest, GatewayPagesAndGarbageNeverCrash) {
  ParsedResponse gateway =
      ParseResponse(Op("ec2", "DescribeVpcs"),
                    Response(503, "<html><body><b>Http/1.1 Service Unavailable</b></body></html>"))
          .value();
  EXPECT_EQ(gateway.error->code, "503");
  EXPECT_EQ(gateway.error->message, "Service Unavailable");
  EXPECT_EQ(gateway.error->fault, Fault::kReceiver);
  EXPECT_EQ(gateway.error->ToStatus().code(), StatusCode::kUnavailable);

  Result<ParsedResponse> garbage =
      ParseResponse(Op("ec2", "DescribeVpcs"), Response(200, "<DescribeVpcsResponse><vpcSet>"));
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(garbage.status().message().find("ec2 DescribeVpcs (HTTP 200)"), std::string::npos)
      << garbage.status().message();

  Result<ParsedResponse> bad_number =
      ParseResponse(Op("ec2", "DescribeVolumes"),
                    Response(200, "<R><volumeSet><item><size>eight</size></item></volumeSet></R>"));
  EXPECT_EQ(bad_number.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(ParseResponse(Op("dynamodb", "ListTables"), Response(200, "{nope")).status().code(),
            StatusCode::kDataLoss);
  ParsedResponse error_garbage =
      ParseResponse(Op("ec2", "DescribeVpcs"), Response(400, "<<<not xml")).value();
  EXPECT_EQ(error_garbage.error->code, "400");
}

}  // namespace
}  // namespace vueops::protocol
