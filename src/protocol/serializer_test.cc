#include "protocol/serializer.h"

#include <gtest/gtest.h>

#include "model/model_registry.h"

namespace vueops::protocol {
namespace {

Json J(const char* text) { return ParseJson(text).value(); }

const model::Operation& Op(const char* service, const char* operation) {
  return *model::LoadServiceModel(service).value()->FindOperation(operation);
}

std::string Header(const Request& request, std::string_view name) {
  const std::string* value = http::FindHeader(request.headers, name);
  return value == nullptr ? "<absent>" : *value;
}

TEST(SerializerTest, QueryProtocolPostsAFormWithActionAndVersion) {
  Request request = SerializeRequest(Op("sts", "GetCallerIdentity"), Json()).value();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.Target(), "/");
  EXPECT_EQ(request.body, "Action=GetCallerIdentity&Version=2011-06-15");
  EXPECT_EQ(Header(request, "Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");

  Request role = SerializeRequest(Op("iam", "CreateRole"),
                                  J(R"({"RoleName": "VueAdmin", "AssumeRolePolicyDocument": "{}",
                                        "Tags": [{"Key": "env", "Value": "prod test"}]})"))
                     .value();
  EXPECT_EQ(role.body,
            "Action=CreateRole&Version=2010-05-08&RoleName=VueAdmin&AssumeRolePolicyDocument=%7B%7D"
            "&Tags.member.1.Key=env&Tags.member.1.Value=prod%20test");
}

TEST(SerializerTest, Ec2ProtocolCapitalizesLocationNamesAndNumbersLists) {
  Request groups =
      SerializeRequest(Op("ec2", "DescribeSecurityGroups"), J(R"({"GroupIds": ["sg-1", "sg-2"],
                                          "Filters": [{"Name": "vpc-id", "Values": ["vpc-1"]}]})"))
          .value();
  EXPECT_EQ(groups.body,
            "Action=DescribeSecurityGroups&Version=2016-11-15&GroupId.1=sg-1&GroupId.2=sg-2"
            "&Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1");
  Request ingress = SerializeRequest(Op("ec2", "AuthorizeSecurityGroupIngress"),
                                     J(R"({"GroupId": "sg-1", "IpPermissions": [
                                           {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                                            "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]})"))
                        .value();
  EXPECT_EQ(ingress.body,
            "Action=AuthorizeSecurityGroupIngress&Version=2016-11-15&GroupId=sg-1"
            "&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=443"
            "&IpPermissions.1.ToPort=443&IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0%2F0");
}

TEST(SerializerTest, JsonProtocolSetsTargetAndFillsIdempotencyTokens) {
  SerializeOptions options;
  options.idempotency_token = [] { return std::string("token-1"); };
  Request request = SerializeRequest(Op("secretsmanager", "CreateSecret"),
                                     J(R"({"Name": "db", "SecretString": "s3cret"})"), options)
                        .value();
  EXPECT_EQ(Header(request, "X-Amz-Target"), "secretsmanager.CreateSecret");
  EXPECT_EQ(Header(request, "Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(J(request.body.c_str()),
            J(R"({"Name": "db", "SecretString": "s3cret", "ClientRequestToken": "token-1"})"));
  // A token the caller gives is kept.
  Request given = SerializeRequest(Op("secretsmanager", "CreateSecret"),
                                   J(R"({"Name": "db", "ClientRequestToken": "mine"})"), options)
                      .value();
  EXPECT_EQ(J(given.body.c_str())["ClientRequestToken"], "mine");
  // By default the token is a fresh UUID.
  Request random =
      SerializeRequest(Op("secretsmanager", "CreateSecret"), J(R"({"Name": "db"})")).value();
  EXPECT_EQ(J(random.body.c_str())["ClientRequestToken"].get<std::string>().size(), 36u);
  // No input still sends an empty JSON object.
  EXPECT_EQ(SerializeRequest(Op("organizations", "DescribeOrganization"), Json()).value().body,
            "{}");
}

TEST(SerializerTest, RestXmlPutsLabelsQueryHeadersAndPayloadInPlace) {
  Request put = SerializeRequest(Op("s3", "PutObject"),
                                 J(R"({"Bucket": "mpf-root", "Key": "errors/404 page.html",
                                       "Body": "<html>not found</html>",
                                       "ContentType": "text/html",
                                       "Metadata": {"owner": "vueops"}})"))
                    .value();
  EXPECT_EQ(put.method, "PUT");
  EXPECT_EQ(put.Target(), "/mpf-root/errors/404%20page.html");  // greedy {Key+} keeps '/'
  EXPECT_EQ(put.body, "<html>not found</html>");                // the raw payload
  EXPECT_EQ(Header(put, "Content-Type"), "text/html");
  EXPECT_EQ(Header(put, "x-amz-meta-owner"), "vueops");

  Request list = SerializeRequest(Op("s3", "ListObjectsV2"),
                                  J(R"({"Bucket": "b", "Prefix": "logs/", "MaxKeys": 10})"))
                     .value();
  EXPECT_EQ(list.method, "GET");
  EXPECT_EQ(list.Target(), "/b?list-type=2&prefix=logs%2F&max-keys=10");
  EXPECT_EQ(list.body, "");

  Request versioning =
      SerializeRequest(Op("s3", "PutBucketVersioning"),
                       J(R"({"Bucket": "b", "VersioningConfiguration": {"Status": "Enabled"}})"))
          .value();
  EXPECT_EQ(versioning.Target(), "/b?versioning");
  EXPECT_EQ(versioning.body,
            "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            "<Status>Enabled</Status></VersioningConfiguration>");
}

TEST(SerializerTest, RestXmlBodyMembersUseTheInputsRootNameAndNamespace) {
  Request request = SerializeRequest(Op("route53", "ChangeResourceRecordSets"),
                                     J(R"({"HostedZoneId": "Z1", "ChangeBatch": {"Changes": [
                                           {"Action": "UPSERT", "ResourceRecordSet": {
                                             "Name": "a.example.com", "Type": "A", "TTL": 300,
                                             "ResourceRecords": [{"Value": "1.2.3.4"}]}}]}})"))
                        .value();
  EXPECT_EQ(request.Target(), "/2013-04-01/hostedzone/Z1/rrset/");
  EXPECT_EQ(request.body,
            "<ChangeResourceRecordSetsRequest xmlns=\"https://route53.amazonaws.com/doc/"
            "2013-04-01/\"><ChangeBatch><Changes><Change><Action>UPSERT</Action>"
            "<ResourceRecordSet><Name>a.example.com</Name><Type>A</Type><TTL>300</TTL>"
            "<ResourceRecords><ResourceRecord><Value>1.2.3.4</Value></ResourceRecord>"
            "</ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch>"
            "</ChangeResourceRecordSetsRequest>");
}

TEST(SerializerTest, RestJsonSendsBodyMembersAsJson) {
  Request request = SerializeRequest(Op("sesv2", "CreateEmailIdentity"),
                                     J(R"({"EmailIdentity": "vueocity.com"})"))
                        .value();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.Target(), "/v2/email/identities");
  EXPECT_EQ(J(request.body.c_str()), J(R"({"EmailIdentity": "vueocity.com"})"));
  EXPECT_EQ(Header(request, "Content-Type"), "application/json");
}

TEST(SerializerTest, BlobsAreBase64TextByDefaultOrRawBytes) {
  const model::Operation& send = Op("ses", "SendRawEmail");
  Request base64 = SerializeRequest(send, J(R"({"RawMessage": {"Data": "aGVsbG8="}})")).value();
  EXPECT_NE(base64.body.find("RawMessage.Data=aGVsbG8%3D"), std::string::npos) << base64.body;
  SerializeOptions raw;
  raw.blobs = BlobEncoding::kRaw;
  Request bytes = SerializeRequest(send, J(R"({"RawMessage": {"Data": "hello"}})"), raw).value();
  EXPECT_NE(bytes.body.find("RawMessage.Data=aGVsbG8%3D"), std::string::npos) << bytes.body;
  Result<Request> invalid = SerializeRequest(send, J(R"({"RawMessage": {"Data": "not base64!"}})"));
  EXPECT_EQ(invalid.status().code(), StatusCode::kInvalidArgument);
}

TEST(SerializerTest, HostLabelsFillTheHostPrefixAndMustBeDnsSafe) {
  Json service = J(R"({
    "metadata": {"protocol": "rest-json", "apiVersion": "2018-08-20"},
    "operations": {"GetThing": {"name": "GetThing", "http": {"method": "GET",
        "requestUri": "/things/{Name}"}, "input": {"shape": "In"},
        "endpoint": {"hostPrefix": "{AccountId}."}}},
    "shapes": {"In": {"type": "structure", "members": {
        "AccountId": {"shape": "S", "hostLabel": true, "location": "header",
                      "locationName": "x-amz-account-id"},
        "Name": {"shape": "S", "location": "uri", "locationName": "Name"}}},
      "S": {"type": "string"}}})");
  auto model = model::ServiceModel::FromJson("control", service).value();
  const model::Operation& op = *model->FindOperation("GetThing");
  Request request =
      SerializeRequest(op, J(R"({"AccountId": "123456789012", "Name": "a/b"})")).value();
  EXPECT_EQ(request.host_prefix, "123456789012.");
  EXPECT_EQ(request.Target(), "/things/a%2Fb");  // a plain label encodes '/'
  EXPECT_EQ(Header(request, "x-amz-account-id"), "123456789012");
  Result<Request> bad = SerializeRequest(op, J(R"({"AccountId": "evil.com/", "Name": "x"})"));
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("AccountId"), std::string::npos);
  Result<Request> missing = SerializeRequest(op, J(R"({"AccountId": "1"})"));
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
}

TEST(SerializerTest, WrongTypesAreErrorsNotCrashes) {
  for (const char* input : {R"({"GroupIds": "sg-1"})", R"({"Filters": [7]})",
                            R"({"MaxResults": "ten"})", R"({"Nope": 1})", R"([])"}) {
    Result<Request> request = SerializeRequest(Op("ec2", "DescribeSecurityGroups"), J(input));
    EXPECT_EQ(request.status().code(), StatusCode::kInvalidArgument) << input;
  }
  EXPECT_EQ(SerializeRequest(Op("s3", "PutObject"), J(R"({"Bucket": "b", "Key": "k", "Body": 5})"))
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vueops::protocol
