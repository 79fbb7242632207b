#include "iam/wildcard.h"

#include <gtest/gtest.h>

#include "iam/arn.h"
#include "iam/statement_match.h"

namespace vueops::iam {
namespace {

struct MatchCase {
  const char* name;
  const char* pattern;
  const char* text;
  bool expected;
};

std::string CaseName(const testing::TestParamInfo<MatchCase>& info) { return info.param.name; }

// Action element: "service:action", case-insensitive in both parts (IAM User Guide, "IAM JSON
// policy elements: Action": iam:ListAccessKeys is IAM:listaccesskeys).
class ActionMatchTest : public testing::TestWithParam<MatchCase> {};

TEST_P(ActionMatchTest, Matches) {
  EXPECT_EQ(ActionMatches(GetParam().pattern, GetParam().text), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Actions, ActionMatchTest,
    testing::Values(MatchCase{"Exact", "s3:GetObject", "s3:GetObject", true},
                    MatchCase{"NameCaseInsensitive", "iam:ListAccessKeys", "IAM:listaccesskeys",
                              true},
                    MatchCase{"PrefixCaseInsensitive", "S3:getobject", "s3:GetObject", true},
                    MatchCase{"StarEverything", "*", "ec2:RunInstances", true},
                    MatchCase{"ServiceStar", "s3:*", "s3:PutObject", true},
                    MatchCase{"ServiceStarOtherService", "s3:*", "sqs:SendMessage", false},
                    MatchCase{"InnerStar", "iam:*AccessKey*", "iam:CreateAccessKey", true},
                    MatchCase{"PrefixStar", "s3:Get*", "s3:GetObjectAcl", true},
                    MatchCase{"PrefixStarNoMatch", "s3:Get*", "s3:PutObject", false},
                    MatchCase{"QuestionOneChar", "ec2:?escribeVpcs", "ec2:DescribeVpcs", true},
                    MatchCase{"QuestionNotEmpty", "s3:GetObject?", "s3:GetObject", false},
                    MatchCase{"NoPartialName", "s3:Get", "s3:GetObject", false}),
    CaseName);

// Resource element and ArnLike: part by part, '*' and '?' within a part, case-sensitive.
class ArnMatchTest : public testing::TestWithParam<MatchCase> {};

TEST_P(ArnMatchTest, Matches) {
  EXPECT_EQ(ArnMatches(WildcardPattern::FromText(GetParam().pattern), GetParam().text),
            GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Arns, ArnMatchTest,
    testing::Values(
        MatchCase{"Exact", "arn:aws:s3:::vue-public", "arn:aws:s3:::vue-public", true},
        MatchCase{"StarAlone", "*", "arn:aws:s3:::vue-public/a", true},
        MatchCase{"StarAloneMatchesNonArn", "*", "*", true},
        // IAM User Guide, "Resource": '*' in the resource part crosses '/'.
        MatchCase{"StarCrossesSlash", "arn:aws:s3:::B/*/test/*",
                  "arn:aws:s3:::B/1/2/test/object.jpg", true},
        MatchCase{"AccountWildcard", "arn:aws:iam::*:role/VueAdmin",
                  "arn:aws:iam::333333333333:role/VueAdmin", true},
        MatchCase{"RegionQuestionMarks", "arn:aws:sqs:us-east-?:*:queue",
                  "arn:aws:sqs:us-east-1:123456789012:queue", true},
        MatchCase{"CaseSensitive", "arn:aws:s3:::Vue-public", "arn:aws:s3:::vue-public", false},
        MatchCase{"StarStaysInItsPart", "arn:aws:iam::*:root", "arn:aws:iam::1:2:root", false},
        MatchCase{"ResourcePartKeepsColons", "arn:aws:logs:us-east-1:1:log-group:/vue:*",
                  "arn:aws:logs:us-east-1:1:log-group:/vue:log-stream:x", true},
        MatchCase{"ShortPatternMatchesNothing", "arn:aws:s3", "arn:aws:s3:::b", false},
        MatchCase{"NotAnArn", "arn:aws:s3:::*", "vue-public", false},
        MatchCase{"EmptyRegionMustStayEmpty", "arn:aws:s3:::b", "arn:aws:s3:us-east-1::b", false}),
    CaseName);

TEST(WildcardPatternTest, LiteralCharactersAreNotWildcards) {
  WildcardPattern pattern = WildcardPattern::Literal("a*");
  pattern.AppendWildcard('*');
  EXPECT_TRUE(pattern.Matches("a*bc"));
  EXPECT_FALSE(pattern.Matches("abc"));
  EXPECT_TRUE(pattern.HasWildcards());
  EXPECT_FALSE(WildcardPattern::Literal("a*").HasWildcards());
}

TEST(ArnTest, ParsesTheSixParts) {
  std::optional<Arn> arn = ParseArn("arn:aws:sts::222222222222:assumed-role/VueAdmin/alice");
  ASSERT_TRUE(arn);
  EXPECT_EQ(arn->service, "sts");
  EXPECT_EQ(arn->region, "");
  EXPECT_EQ(arn->account, "222222222222");
  EXPECT_EQ(arn->resource, "assumed-role/VueAdmin/alice");
  EXPECT_FALSE(ParseArn("arn:aws:s3"));
  EXPECT_FALSE(ParseArn("urn:aws:s3:::b"));
  EXPECT_TRUE(IsAccountId("123456789012"));
  EXPECT_FALSE(IsAccountId("12345678901"));
  EXPECT_FALSE(IsAccountId("12345678901a"));
}

}  // namespace
}  // namespace vueops::iam
