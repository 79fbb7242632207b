#include "iam/policy_parser.h"

#include <gtest/gtest.h>

namespace vueops::iam {
namespace {

TEST(PolicyParserTest, ReadsEveryFormAwsAccepts) {
  Result<Policy> policy = ParsePolicy(R"({
    "Version": "2012-10-17",
    "Id": "bucket-policy",
    "Statement": [
      {"Sid": "CloudFrontRead", "Effect": "Allow",
       "Principal": {"Service": "cloudfront.amazonaws.com"},
       "Action": "s3:GetObject", "Resource": "arn:aws:s3:::vue-protected/*",
       "Condition": {"StringEquals": {"AWS:SourceArn": ["arn:aws:cloudfront::333333333333:distribution/E1"]},
                     "NumericLessThan": {"s3:max-keys": 10}}},
      {"Effect": "Deny", "Principal": "*", "NotAction": ["s3:Get*", "s3:List*"],
       "NotResource": "arn:aws:s3:::vue-protected/public/*"},
      {"Effect": "Allow", "Principal": {"AWS": ["222222222222", "arn:aws:iam::444444444444:root",
                                                 "arn:aws:iam::333333333333:role/VueProd", "*"]},
       "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::vue-protected"}
    ]})",
                                      PolicyKind::kResource, "vue-protected");
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  EXPECT_EQ(policy->name, "vue-protected");
  EXPECT_TRUE(policy->VariablesEnabled());
  ASSERT_EQ(policy->statements.size(), 3u);
  const Statement& first = policy->statements[0];
  EXPECT_EQ(first.sid, "CloudFrontRead");
  EXPECT_EQ(first.principals.at(0).type, PrincipalEntry::Type::kService);
  ASSERT_EQ(first.conditions.size(), 2u);
  EXPECT_EQ(first.conditions[1].values, std::vector<std::string>{"10"});
  const Statement& second = policy->statements[1];
  EXPECT_EQ(second.effect, Effect::kDeny);
  EXPECT_TRUE(second.not_action);
  EXPECT_TRUE(second.not_resource);
  EXPECT_EQ(second.principals.at(0).type, PrincipalEntry::Type::kAny);
  EXPECT_EQ(second.Label(), "Statement[1]");
  const Statement& third = policy->statements[2];
  ASSERT_EQ(third.principals.size(), 4u);
  EXPECT_EQ(third.principals[3].type, PrincipalEntry::Type::kAny);  // {"AWS": "*"} is "*"
}

TEST(PolicyParserTest, StatementMayBeOneObjectAndVersionMayBeMissing) {
  Result<Policy> policy = ParsePolicy(
      R"({"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole",
          "Principal": {"AWS": "arn:aws:iam::222222222222:root"}}})",
      PolicyKind::kTrust, "VueAdmin-trust");
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  EXPECT_EQ(policy->version, "2008-10-17");
  EXPECT_FALSE(policy->VariablesEnabled());
  ASSERT_EQ(policy->statements.size(), 1u);
  EXPECT_FALSE(policy->statements[0].has_resource);
}

struct BadCase {
  const char* name;
  PolicyKind kind;
  const char* json;
  const char* message;  // the whole message must contain this
};

class PolicyParserErrorTest : public testing::TestWithParam<BadCase> {};

TEST_P(PolicyParserErrorTest, NamesStatementElementAndFix) {
  Result<Policy> policy = ParsePolicy(GetParam().json, GetParam().kind, "p");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(policy.status().message().find(GetParam().message), std::string::npos)
      << policy.status().message();
}

constexpr PolicyKind kIdentity = PolicyKind::kIdentity;

const BadCase kBadCases[] = {
    BadCase{"NotJson", kIdentity, "{", "policy \"p\": invalid JSON"},
    BadCase{"NotAnObject", kIdentity, "[]", "a policy is a JSON object"},
    BadCase{"UnknownTopLevel", kIdentity, R"({"Version": "2012-10-17", "Statment": []})",
            "Statment: is not a policy element; did you mean 'Statement'?"},
    BadCase{"BadVersion", kIdentity, R"({"Version": "2012-10-18", "Statement": []})",
            "Version: \"2012-10-18\" is not a policy language version; write \"2012-10-17\""},
    BadCase{"NoStatement", kIdentity, R"({"Version": "2012-10-17"})", "Statement: is missing"},
    BadCase{"EmptyStatements", kIdentity, R"({"Version": "2012-10-17", "Statement": []})",
            "Statement: is empty"},
    BadCase{"StatementNotObject", kIdentity, R"({"Statement": ["Allow"]})",
            "policy \"p\": Statement[0]: a statement is an object"},
    BadCase{
        "EffectCase", kIdentity,
        R"({"Statement": [{"Sid": "Read", "Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]})",
        "Statement[0] (Sid \"Read\"): Effect: \"allow\" must be \"Allow\" or \"Deny\""},
    BadCase{"NoEffect", kIdentity, R"({"Statement": {"Action": "s3:GetObject", "Resource": "*"}})",
            "Effect: is missing"},
    BadCase{
        "ActionAndNotAction", kIdentity,
        R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "NotAction": "iam:*", "Resource": "*"}})",
        "NotAction: a statement has Action or NotAction, not both"},
    BadCase{"NoAction", kIdentity, R"({"Statement": {"Effect": "Allow", "Resource": "*"}})",
            "Action: is missing"},
    BadCase{
        "ActionWithoutService", kIdentity,
        R"({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "Two", "Effect": "Allow", "Action": ["s3:GetObject", "GetObject"], "Resource": "*"}]})",
        "Statement[1] (Sid \"Two\"): Action: \"GetObject\" is not \"service:action\""},
    BadCase{"ActionNotString", kIdentity,
            R"({"Statement": {"Effect": "Allow", "Action": [1], "Resource": "*"}})",
            "Action: must hold only strings"},
    BadCase{"EmptyActionList", kIdentity,
            R"({"Statement": {"Effect": "Allow", "Action": [], "Resource": "*"}})",
            "Action: is an empty array"},
    BadCase{"NoResourceInIdentity", kIdentity,
            R"({"Statement": {"Effect": "Allow", "Action": "s3:*"}})",
            "Resource: is missing; add \"Resource\": \"*\""},
    BadCase{"ResourceNotArn", kIdentity,
            R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "vue-public/*"}})",
            "Resource: \"vue-public/*\" is not an ARN or \"*\""},
    BadCase{
        "ResourceInTrust", PolicyKind::kTrust,
        R"({"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "*", "Resource": "*"}})",
        "Resource: a trust policy names no resource"},
    BadCase{
        "PrincipalInIdentity", kIdentity,
        R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Principal": "*"}})",
        "Principal: is not allowed in an identity-based policy"},
    BadCase{
        "PrincipalInScp", PolicyKind::kServiceControl,
        R"({"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "NotPrincipal": "*"}})",
        "NotPrincipal: is not allowed in a service control policy"},
    BadCase{"NoPrincipalInResource", PolicyKind::kResource,
            R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})",
            "Principal: is missing"},
    BadCase{
        "PrincipalWildcardArn", PolicyKind::kTrust,
        R"({"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::222222222222:user/*"}}})",
        "Principal.AWS: \"arn:aws:iam::222222222222:user/*\" has a wildcard"},
    BadCase{
        "PrincipalType", PolicyKind::kTrust,
        R"({"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Services": "ec2.amazonaws.com"}}})",
        "\"Services\" is not a principal type; did you mean 'Service'?"},
    BadCase{
        "PrincipalBareArn", PolicyKind::kTrust,
        R"({"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "arn:aws:iam::222222222222:root"}})",
        "write \"*\" or name the type"},
    BadCase{
        "PrincipalNotAws", PolicyKind::kTrust,
        R"({"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "vueusers"}}})",
        "\"vueusers\" is not an AWS principal; write a 12-digit account id"},
    BadCase{"UnknownStatementElement", kIdentity,
            R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resources": "*"}})",
            "Resources: is not a statement element; did you mean 'Resource'?"},
    BadCase{
        "UnknownOperator", kIdentity,
        R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEqual": {"aws:SourceVpce": "v"}}}})",
        "Condition: \"StringEqual\" is not a condition operator; did you mean 'StringEquals'?"},
    BadCase{
        "ConditionValueNotNumber", kIdentity,
        R"({"Statement": {"Sid": "Keys", "Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NumericLessThan": {"s3:max-keys": "ten"}}}})",
        "Statement[0] (Sid \"Keys\"): Condition.NumericLessThan.s3:max-keys: \"ten\" is not a "
        "number"},
    BadCase{
        "ConditionBadDate", kIdentity,
        R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "soon"}}}})",
        "\"soon\" is not a date; write ISO 8601"},
    BadCase{
        "ConditionBadBool", kIdentity,
        R"({"Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "no"}}}})",
        "\"no\" is not a boolean"},
    BadCase{
        "ConditionBadCidr", kIdentity,
        R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/40"}}}})",
        "is not an IP address or CIDR range"},
    BadCase{
        "ConditionEmptyValues", kIdentity,
        R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": []}}}})",
        "Condition.StringEquals.aws:SourceVpce: is an empty array"},
    BadCase{
        "ConditionNullValue", kIdentity,
        R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": null}}}})",
        "values must be strings, numbers or booleans"},
    BadCase{
        "DuplicateSid", kIdentity,
        R"({"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}, {"Sid": "A", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}]})",
        "Statement[1] (Sid \"A\"): Sid: is also Statement[0]'s"},
};

INSTANTIATE_TEST_SUITE_P(Errors, PolicyParserErrorTest, testing::ValuesIn(kBadCases),
                         [](const testing::TestParamInfo<BadCase>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace vueops::iam
