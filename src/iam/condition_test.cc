// Every condition operator, its IfExists form, the set qualifiers and missing keys, decided
// through a whole statement: {"Effect": "Allow", "Action": "*", "Resource": "*",
// "Condition": <case>} applies exactly when the condition holds.
#include "iam/condition.h"

#include <gtest/gtest.h>

#include "iam/policy_testing.h"
#include "iam/statement_match.h"

namespace vueops::iam {
namespace {

struct Key {
  std::string name;
  std::vector<std::string> values;
  bool multivalued = false;
};

struct ConditionCase {
  const char* name;
  const char* condition;  // the Condition block
  std::vector<Key> keys;  // the request context
  bool expected;
  const char* version = "2012-10-17";
};

Key Multi(std::string name, std::vector<std::string> values) {
  return Key{std::move(name), std::move(values), true};
}

class ConditionTest : public testing::TestWithParam<ConditionCase> {};

TEST_P(ConditionTest, Decides) {
  const ConditionCase& c = GetParam();
  std::string json = std::string(R"({"Version": ")") + c.version +
                     R"(", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", )"
                     R"("Condition": )" +
                     c.condition + "}}";
  Policy policy = MustParse(PolicyKind::kIdentity, "conditions", json);
  ASSERT_EQ(policy.statements.size(), 1u);
  Request request;
  request.principal = UserPrincipal("arn:aws:iam::222222222222:user/alice");
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::vue-protected/a.mp4";
  for (const Key& key : c.keys) {
    if (key.multivalued) {
      request.context.SetMultivalued(key.name, key.values);
    } else {
      request.context.Set(key.name, key.values.at(0));
    }
  }
  StatementMatch match =
      MatchStatement(policy, policy.statements[0], request, EffectiveContext(request));
  EXPECT_EQ(match.applies, c.expected) << c.condition;
}

std::string CaseName(const testing::TestParamInfo<ConditionCase>& info) { return info.param.name; }

const char kTeam[] = "aws:PrincipalTag/team";

INSTANTIATE_TEST_SUITE_P(
    String, ConditionTest,
    testing::Values(
        ConditionCase{"Equals",
                      R"({"StringEquals": {"aws:PrincipalTag/team": "ops"}})",
                      {{kTeam, {"ops"}}},
                      true},
        ConditionCase{"EqualsIsCaseSensitive",
                      R"({"StringEquals": {"aws:PrincipalTag/team": "ops"}})",
                      {{kTeam, {"Ops"}}},
                      false},
        ConditionCase{"EqualsAnyPolicyValue",
                      R"({"StringEquals": {"aws:PrincipalTag/team": ["dev", "ops"]}})",
                      {{kTeam, {"ops"}}},
                      true},
        ConditionCase{"EqualsMissingKeyIsFalse",
                      R"({"StringEquals": {"aws:PrincipalTag/team": "ops"}})",
                      {},
                      false},
        ConditionCase{"KeyNameIsCaseInsensitive",
                      R"({"StringEquals": {"AWS:PRINCIPALTAG/TEAM": "ops"}})",
                      {{kTeam, {"ops"}}},
                      true},
        ConditionCase{"EqualsStarIsLiteral",
                      R"({"StringEquals": {"aws:PrincipalTag/team": "o*"}})",
                      {{kTeam, {"ops"}}},
                      false},
        ConditionCase{"EqualsStarLiteralMatch",
                      R"({"StringEquals": {"aws:PrincipalTag/team": "o*"}})",
                      {{kTeam, {"o*"}}},
                      true},
        ConditionCase{"NotEqualsDifferent",
                      R"({"StringNotEquals": {"aws:PrincipalTag/team": "dev"}})",
                      {{kTeam, {"ops"}}},
                      true},
        // Negated operators with several values: no value may match (NOR).
        ConditionCase{"NotEqualsIsNorOverValues",
                      R"({"StringNotEquals": {"aws:PrincipalTag/team": ["dev", "ops"]}})",
                      {{kTeam, {"ops"}}},
                      false},
        ConditionCase{"NotEqualsNoneOfValues",
                      R"({"StringNotEquals": {"aws:PrincipalTag/team": ["dev", "ops"]}})",
                      {{kTeam, {"sec"}}},
                      true},
        ConditionCase{"NotEqualsMissingKeyIsTrue",
                      R"({"StringNotEquals": {"aws:PrincipalTag/team": "ops"}})",
                      {},
                      true},
        ConditionCase{"EqualsIgnoreCase",
                      R"({"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "OPS"}})",
                      {{kTeam, {"ops"}}},
                      true},
        ConditionCase{"NotEqualsIgnoreCase",
                      R"({"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team": "OPS"}})",
                      {{kTeam, {"ops"}}},
                      false},
        ConditionCase{"LikeStar",
                      R"({"StringLike": {"aws:SourceVpce": "vpce-*"}})",
                      {{"aws:SourceVpce", {"vpce-1a2b"}}},
                      true},
        ConditionCase{"LikeQuestionMark",
                      R"({"StringLike": {"aws:RequestedRegion": "us-east-?"}})",
                      {{"aws:RequestedRegion", {"us-east-1"}}},
                      true},
        ConditionCase{"LikeQuestionMarkIsOneChar",
                      R"({"StringLike": {"aws:RequestedRegion": "us-east-?"}})",
                      {{"aws:RequestedRegion", {"us-east-10"}}},
                      false},
        ConditionCase{"LikeIsCaseSensitive",
                      R"({"StringLike": {"aws:SourceVpce": "VPCE-*"}})",
                      {{"aws:SourceVpce", {"vpce-1a2b"}}},
                      false},
        ConditionCase{"LikeCrossesColons",
                      R"({"StringLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:alerts"}})",
                      {{"aws:SourceArn", {"arn:aws:sns:us-east-1:extra:123456789012:alerts"}}},
                      true},
        ConditionCase{"NotLikeMatchIsFalse",
                      R"({"StringNotLike": {"aws:SourceVpce": "vpce-*"}})",
                      {{"aws:SourceVpce", {"vpce-1a2b"}}},
                      false},
        ConditionCase{"NotLikeMissingKeyIsTrue",
                      R"({"StringNotLike": {"aws:SourceVpce": "vpce-*"}})",
                      {},
                      true},
        ConditionCase{"EqualsIfExistsMissingIsTrue",
                      R"({"StringEqualsIfExists": {"aws:PrincipalTag/team": "ops"}})",
                      {},
                      true},
        ConditionCase{"EqualsIfExistsPresentMismatch",
                      R"({"StringEqualsIfExists": {"aws:PrincipalTag/team": "ops"}})",
                      {{kTeam, {"dev"}}},
                      false},
        ConditionCase{"NotEqualsIfExistsMissingIsTrue",
                      R"({"StringNotEqualsIfExists": {"aws:PrincipalTag/team": "ops"}})",
                      {},
                      true},
        ConditionCase{"NotEqualsIfExistsPresentMatch",
                      R"({"StringNotEqualsIfExists": {"aws:PrincipalTag/team": "ops"}})",
                      {{kTeam, {"ops"}}},
                      false},
        ConditionCase{"LikeIfExistsPresent",
                      R"({"StringLikeIfExists": {"aws:SourceVpce": "vpce-*"}})",
                      {{"aws:SourceVpce", {"vpce-1"}}},
                      true}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Numeric, ConditionTest,
    testing::Values(
        ConditionCase{"EqualsAcrossForms",
                      R"({"NumericEquals": {"s3:max-keys": "10"}})",
                      {{"s3:max-keys", {"10.0"}}},
                      true},
        ConditionCase{"NotEquals",
                      R"({"NumericNotEquals": {"s3:max-keys": ["10", "20"]}})",
                      {{"s3:max-keys", {"20"}}},
                      false},
        ConditionCase{"LessThan",
                      R"({"NumericLessThan": {"s3:max-keys": "10"}})",
                      {{"s3:max-keys", {"5"}}},
                      true},
        ConditionCase{"LessThanIsStrict",
                      R"({"NumericLessThan": {"s3:max-keys": "10"}})",
                      {{"s3:max-keys", {"10"}}},
                      false},
        ConditionCase{"LessThanEquals",
                      R"({"NumericLessThanEquals": {"s3:max-keys": "10"}})",
                      {{"s3:max-keys", {"10"}}},
                      true},
        ConditionCase{"GreaterThan",
                      R"({"NumericGreaterThan": {"s3:max-keys": "10"}})",
                      {{"s3:max-keys", {"11"}}},
                      true},
        ConditionCase{"GreaterThanEquals",
                      R"({"NumericGreaterThanEquals": {"s3:max-keys": "10"}})",
                      {{"s3:max-keys", {"9.5"}}},
                      false},
        ConditionCase{"JsonNumberInPolicy",
                      R"({"NumericLessThan": {"s3:max-keys": 10}})",
                      {{"s3:max-keys", {"3"}}},
                      true},
        ConditionCase{"NonNumericRequestValue",
                      R"({"NumericLessThan": {"s3:max-keys": "10"}})",
                      {{"s3:max-keys", {"many"}}},
                      false},
        ConditionCase{"MissingIsFalse", R"({"NumericLessThan": {"s3:max-keys": "10"}})", {}, false},
        ConditionCase{"LessThanIfExistsMissing",
                      R"({"NumericLessThanIfExists": {"s3:max-keys": "10"}})",
                      {},
                      true}),
    CaseName);

const char kNow[] = "aws:CurrentTime";

INSTANTIATE_TEST_SUITE_P(
    Date, ConditionTest,
    testing::Values(
        ConditionCase{"LessThanIso",
                      R"({"DateLessThan": {"aws:CurrentTime": "2025-01-01T00:00:00Z"}})",
                      {{kNow, {"2024-06-01T12:00:00Z"}}},
                      true},
        ConditionCase{"GreaterThanEpochPolicy",
                      R"({"DateGreaterThan": {"aws:CurrentTime": "1704067200"}})",
                      {{kNow, {"2024-01-02T00:00:00Z"}}},
                      true},
        ConditionCase{"EqualsAcrossOffsets",
                      R"({"DateEquals": {"aws:CurrentTime": "2024-01-01T01:00:00+01:00"}})",
                      {{kNow, {"2024-01-01T00:00:00Z"}}},
                      true},
        ConditionCase{"NotEquals",
                      R"({"DateNotEquals": {"aws:CurrentTime": "2024-01-01"}})",
                      {{kNow, {"2024-01-01T00:00:00Z"}}},
                      false},
        ConditionCase{"LessThanEqualsSameInstant",
                      R"({"DateLessThanEquals": {"aws:CurrentTime": "2024-01-01T00:00:00Z"}})",
                      {{kNow, {"1704067200"}}},
                      true},
        ConditionCase{"GreaterThanEquals",
                      R"({"DateGreaterThanEquals": {"aws:CurrentTime": "2024-01-01"}})",
                      {{kNow, {"2023-12-31T23:59:59Z"}}},
                      false},
        ConditionCase{"MissingIsFalse",
                      R"({"DateGreaterThan": {"aws:TokenIssueTime": "2024-01-01"}})",
                      {},
                      false},
        ConditionCase{"IfExistsMissingIsTrue",
                      R"({"DateGreaterThanIfExists": {"aws:TokenIssueTime": "2024-01-01"}})",
                      {},
                      true}),
    CaseName);

const char kTls[] = "aws:SecureTransport";

INSTANTIATE_TEST_SUITE_P(
    BoolBinaryIp, ConditionTest,
    testing::Values(
        ConditionCase{
            "BoolTrue", R"({"Bool": {"aws:SecureTransport": "true"}})", {{kTls, {"true"}}}, true},
        ConditionCase{"BoolValueAnyCase",
                      R"({"Bool": {"aws:SecureTransport": "True"}})",
                      {{kTls, {"TRUE"}}},
                      true},
        ConditionCase{"BoolJsonLiteral",
                      R"({"Bool": {"aws:MultiFactorAuthPresent": true}})",
                      {{"aws:MultiFactorAuthPresent", {"true"}}},
                      true},
        ConditionCase{"BoolMismatch",
                      R"({"Bool": {"aws:SecureTransport": "false"}})",
                      {{kTls, {"true"}}},
                      false},
        // A missing key never equals "false": deny-if-false needs BoolIfExists.
        ConditionCase{"BoolFalseOnMissingKeyIsFalse",
                      R"({"Bool": {"aws:MultiFactorAuthPresent": "false"}})",
                      {},
                      false},
        ConditionCase{"BoolIfExistsFalseOnMissingKey",
                      R"({"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}})",
                      {},
                      true},
        ConditionCase{"BinaryEquals",
                      R"({"BinaryEquals": {"custom:blob": "QmluYXJ5VmFsdWU="}})",
                      {{"custom:blob", {"QmluYXJ5VmFsdWU="}}},
                      true},
        ConditionCase{"BinaryDiffers",
                      R"({"BinaryEquals": {"custom:blob": "QmluYXJ5VmFsdWU="}})",
                      {{"custom:blob", {"T3RoZXI="}}},
                      false},
        ConditionCase{"IpInCidr",
                      R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
                      {{"aws:SourceIp", {"203.0.113.9"}}},
                      true},
        ConditionCase{"IpOutsideCidr",
                      R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
                      {{"aws:SourceIp", {"198.51.100.9"}}},
                      false},
        ConditionCase{"IpAnyOfRanges",
                      R"({"IpAddress": {"aws:SourceIp": ["198.51.100.0/24", "203.0.113.0/24"]}})",
                      {{"aws:SourceIp", {"203.0.113.9"}}},
                      true},
        ConditionCase{"IpV6Cidr",
                      R"({"IpAddress": {"aws:SourceIp": "2001:db8::/32"}})",
                      {{"aws:SourceIp", {"2001:db8:0:1::5"}}},
                      true},
        ConditionCase{"IpSingleHost",
                      R"({"IpAddress": {"aws:SourceIp": "203.0.113.9"}})",
                      {{"aws:SourceIp", {"203.0.113.9"}}},
                      true},
        ConditionCase{"IpFamiliesDiffer",
                      R"({"IpAddress": {"aws:SourceIp": "2001:db8::/32"}})",
                      {{"aws:SourceIp", {"203.0.113.9"}}},
                      false},
        ConditionCase{"NotIpOutside",
                      R"({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
                      {{"aws:SourceIp", {"198.51.100.9"}}},
                      true},
        ConditionCase{"NotIpInside",
                      R"({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
                      {{"aws:SourceIp", {"203.0.113.1"}}},
                      false},
        // Requests through a VPC endpoint carry no aws:SourceIp.
        ConditionCase{"NotIpMissingKeyIsTrue",
                      R"({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
                      {},
                      true},
        ConditionCase{"IpMissingKeyIsFalse",
                      R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
                      {},
                      false},
        ConditionCase{"IpIfExistsMissing",
                      R"({"IpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"}})",
                      {},
                      true}),
    CaseName);

const char kSourceArn[] = "aws:SourceArn";

INSTANTIATE_TEST_SUITE_P(
    Arn, ConditionTest,
    testing::Values(
        ConditionCase{"LikePartWildcard",
                      R"({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::vue-*"}})",
                      {{kSourceArn, {"arn:aws:s3:::vue-logs"}}},
                      true},
        ConditionCase{"EqualsTakesWildcardsToo",
                      R"({"ArnEquals": {"aws:SourceArn": "arn:aws:s3:::vue-*"}})",
                      {{kSourceArn, {"arn:aws:s3:::vue-logs"}}},
                      true},
        // The same pattern StringLike matched: ArnLike keeps '*' within the region part.
        ConditionCase{"LikeStarStaysInPart",
                      R"({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:alerts"}})",
                      {{kSourceArn, {"arn:aws:sns:us-east-1:extra:123456789012:alerts"}}},
                      false},
        ConditionCase{"LikeAllParts",
                      R"({"ArnLike": {"aws:SourceArn": "arn:aws:cloudfront::*:distribution/*"}})",
                      {{kSourceArn, {"arn:aws:cloudfront::333333333333:distribution/E1"}}},
                      true},
        ConditionCase{"LikeValueNotAnArn",
                      R"({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*"}})",
                      {{kSourceArn, {"vue-logs"}}},
                      false},
        ConditionCase{"NotEqualsMatchIsFalse",
                      R"({"ArnNotEquals": {"aws:SourceArn": "arn:aws:s3:::vue-logs"}})",
                      {{kSourceArn, {"arn:aws:s3:::vue-logs"}}},
                      false},
        ConditionCase{"NotLikeMissingIsTrue",
                      R"({"ArnNotLike": {"aws:SourceArn": "arn:aws:s3:::vue-*"}})",
                      {},
                      true},
        ConditionCase{"LikeIfExistsMissing",
                      R"({"ArnLikeIfExists": {"aws:SourceArn": "arn:aws:s3:::vue-*"}})",
                      {},
                      true}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Null, ConditionTest,
    testing::Values(
        ConditionCase{"TrueWhenAbsent", R"({"Null": {"aws:TokenIssueTime": "true"}})", {}, true},
        ConditionCase{"TrueWhenPresentIsFalse",
                      R"({"Null": {"aws:TokenIssueTime": "true"}})",
                      {{"aws:TokenIssueTime", {"2024-01-01T00:00:00Z"}}},
                      false},
        ConditionCase{"FalseWhenPresent",
                      R"({"Null": {"aws:TokenIssueTime": "false"}})",
                      {{"aws:TokenIssueTime", {"2024-01-01T00:00:00Z"}}},
                      true},
        ConditionCase{
            "FalseWhenAbsentIsFalse", R"({"Null": {"aws:TokenIssueTime": "false"}})", {}, false},
        ConditionCase{"EmptyMultivaluedIsAbsent",
                      R"({"Null": {"aws:TagKeys": "true"}})",
                      {Multi("aws:TagKeys", {})},
                      true}),
    CaseName);

const char kTagKeys[] = "aws:TagKeys";

INSTANTIATE_TEST_SUITE_P(
    SetQualifiers, ConditionTest,
    testing::Values(
        ConditionCase{"AnyValueOneMatches",
                      R"({"ForAnyValue:StringEquals": {"aws:TagKeys": ["env", "team"]}})",
                      {Multi(kTagKeys, {"cost", "team"})},
                      true},
        ConditionCase{"AnyValueNoneMatches",
                      R"({"ForAnyValue:StringEquals": {"aws:TagKeys": ["env", "team"]}})",
                      {Multi(kTagKeys, {"cost"})},
                      false},
        ConditionCase{"AnyValueMissingIsFalse",
                      R"({"ForAnyValue:StringEquals": {"aws:TagKeys": "env"}})",
                      {},
                      false},
        ConditionCase{"AnyValueEmptyIsFalse",
                      R"({"ForAnyValue:StringEquals": {"aws:TagKeys": "env"}})",
                      {Multi(kTagKeys, {})},
                      false},
        ConditionCase{"AllValuesSubset",
                      R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team"]}})",
                      {Multi(kTagKeys, {"env", "team"})},
                      true},
        ConditionCase{"AllValuesNotSubset",
                      R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team"]}})",
                      {Multi(kTagKeys, {"env", "cost"})},
                      false},
        // "Do not use ForAllValues with an Allow effect": a missing or empty key passes.
        ConditionCase{"AllValuesMissingIsTrue",
                      R"({"ForAllValues:StringEquals": {"aws:TagKeys": "env"}})",
                      {},
                      true},
        ConditionCase{"AllValuesEmptyIsTrue",
                      R"({"ForAllValues:StringEquals": {"aws:TagKeys": "env"}})",
                      {Multi(kTagKeys, {})},
                      true},
        ConditionCase{"AllValuesLikeDocExample",
                      R"({"ForAllValues:StringLike": {"aws:TagKeys": "Created*"}})",
                      {Multi(kTagKeys, {"CreatedBy", "CreatedAt"})},
                      true},
        ConditionCase{"AllValuesNotEqualsNoneForbidden",
                      R"({"ForAllValues:StringNotEquals": {"aws:TagKeys": ["admin", "root"]}})",
                      {Multi(kTagKeys, {"env", "team"})},
                      true},
        ConditionCase{"AllValuesNotEqualsOneForbidden",
                      R"({"ForAllValues:StringNotEquals": {"aws:TagKeys": ["admin", "root"]}})",
                      {Multi(kTagKeys, {"env", "admin"})},
                      false},
        ConditionCase{"AnyValueNotEqualsOneOutside",
                      R"({"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["env", "team"]}})",
                      {Multi(kTagKeys, {"env", "cost"})},
                      true},
        ConditionCase{"AnyValueNotEqualsAllInside",
                      R"({"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["env", "team"]}})",
                      {Multi(kTagKeys, {"env", "team"})},
                      false},
        ConditionCase{"AnyValueNotEqualsMissingIsFalse",
                      R"({"ForAnyValue:StringNotEquals": {"aws:TagKeys": "env"}})",
                      {},
                      false},
        ConditionCase{"AllValuesNotLikeMissingIsTrue",
                      R"({"ForAllValues:StringNotLike": {"aws:TagKeys": "aws:*"}})",
                      {},
                      true},
        ConditionCase{"AnyValueIfExistsMissing",
                      R"({"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "env"}})",
                      {},
                      true},
        ConditionCase{"AnyValueArnLike",
                      R"({"ForAnyValue:ArnLike": {"aws:PrincipalServiceNamesList": "*"}})",
                      {Multi("aws:PrincipalServiceNamesList", {"arn:aws:s3:::x"})},
                      true},
        // Without a qualifier a multivalued key passes when any of its values does.
        ConditionCase{"UnqualifiedMultivaluedReadsAsAnyValue",
                      R"({"StringEquals": {"aws:TagKeys": "env"}})",
                      {Multi(kTagKeys, {"cost", "env"})},
                      true}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Combinations, ConditionTest,
    testing::Values(
        ConditionCase{
            "KeysInOneOperatorAllHold",
            R"({"StringEquals": {"aws:PrincipalTag/team": "ops", "aws:SourceVpce": "vpce-1"}})",
            {{kTeam, {"ops"}}, {"aws:SourceVpce", {"vpce-1"}}},
            true},
        ConditionCase{
            "KeysInOneOperatorOneFails",
            R"({"StringEquals": {"aws:PrincipalTag/team": "ops", "aws:SourceVpce": "vpce-1"}})",
            {{kTeam, {"ops"}}, {"aws:SourceVpce", {"vpce-2"}}},
            false},
        ConditionCase{
            "OperatorsAllHold",
            R"({"Bool": {"aws:SecureTransport": "true"}, "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
            {{kTls, {"true"}}, {"aws:SourceIp", {"203.0.113.5"}}},
            true},
        ConditionCase{
            "OperatorsOneFails",
            R"({"Bool": {"aws:SecureTransport": "true"}, "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
            {{kTls, {"false"}}, {"aws:SourceIp", {"203.0.113.5"}}},
            false},
        ConditionCase{"VariableInValue",
                      R"({"StringEquals": {"aws:PrincipalTag/owner": "${aws:username}"}})",
                      {{"aws:PrincipalTag/owner", {"alice"}}},
                      true},
        ConditionCase{"VariableOtherUser",
                      R"({"StringEquals": {"aws:PrincipalTag/owner": "${aws:username}"}})",
                      {{"aws:PrincipalTag/owner", {"bob"}}},
                      false},
        // An unresolvable variable makes the statement not apply, even for a negated operator.
        ConditionCase{"UnresolvedVariableStatementDoesNotApply",
                      R"({"StringNotEquals": {"aws:PrincipalTag/owner": "${aws:userid}"}})",
                      {{"aws:PrincipalTag/owner", {"bob"}}},
                      false},
        ConditionCase{"VariableInLikeValue",
                      R"({"StringLike": {"s3:prefix": "home/${aws:username}/*"}})",
                      {{"s3:prefix", {"home/alice/docs"}}},
                      true},
        ConditionCase{"OldVersionVariableIsLiteral",
                      R"({"StringEquals": {"aws:PrincipalTag/owner": "${aws:username}"}})",
                      {{"aws:PrincipalTag/owner", {"alice"}}},
                      false,
                      "2008-10-17"},
        ConditionCase{
            "ContextKeysAddedForEveryRequest",
            R"({"StringEquals": {"aws:PrincipalAccount": "222222222222", "aws:PrincipalType": "User"}})",
            {},
            true}),
    CaseName);

TEST(ConditionOperatorTest, ParsesQualifierBaseAndSuffix) {
  Result<ConditionOperator> op = ParseConditionOperator("ForAllValues:StringNotLikeIfExists");
  ASSERT_TRUE(op.ok());
  EXPECT_EQ(op->qualifier, SetQualifier::kForAllValues);
  EXPECT_EQ(op->type, ConditionType::kString);
  EXPECT_EQ(op->comparison, Comparison::kLike);
  EXPECT_TRUE(op->negated);
  EXPECT_TRUE(op->if_exists);
}

TEST(ConditionOperatorTest, RefusesUnknownOperatorsWithAHint) {
  Result<ConditionOperator> op = ParseConditionOperator("StringEqual");
  ASSERT_FALSE(op.ok());
  EXPECT_NE(op.status().message().find("did you mean 'StringEquals'?"), std::string::npos)
      << op.status().message();
  EXPECT_FALSE(ParseConditionOperator("NullIfExists").ok());
  EXPECT_FALSE(ParseConditionOperator("ForSomeValues:StringEquals").ok());
}

}  // namespace
}  // namespace vueops::iam
