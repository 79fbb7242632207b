#include "iam/policy_variables.h"

#include <gtest/gtest.h>

namespace vueops::iam {
namespace {

struct VariableCase {
  const char* name;
  const char* text;
  bool wildcards;
  bool variables;
  const char* candidate;  // a text the expanded pattern is tried against
  bool resolves;
  bool matches;
};

class PolicyVariablesTest : public testing::TestWithParam<VariableCase> {};

TEST_P(PolicyVariablesTest, Expands) {
  const VariableCase& c = GetParam();
  ContextValues context;
  context.Set("aws:username", "alice");
  context.Set("aws:PrincipalTag/team", "ops*");
  context.SetMultivalued("aws:TagKeys", {"a", "b"});
  std::optional<WildcardPattern> pattern =
      ExpandPolicyText(c.text, context, {.wildcards = c.wildcards, .variables = c.variables});
  ASSERT_EQ(pattern.has_value(), c.resolves);
  if (pattern) {
    EXPECT_EQ(pattern->Matches(c.candidate), c.matches) << pattern->text();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Variables, PolicyVariablesTest,
    testing::Values(
        VariableCase{"Username", "arn:aws:s3:::home/${aws:username}/*", true, true,
                     "arn:aws:s3:::home/alice/notes", true, true},
        VariableCase{"OtherUserDoesNotMatch", "arn:aws:s3:::home/${aws:username}/*", true, true,
                     "arn:aws:s3:::home/bob/notes", true, false},
        VariableCase{"KeyCaseInsensitive", "${AWS:UserName}", true, true, "alice", true, true},
        // A value from the request is literal even if it holds '*'.
        VariableCase{"ValueIsLiteral", "${aws:PrincipalTag/team}", true, true, "opsx", true, false},
        VariableCase{"ValueLiteralStar", "${aws:PrincipalTag/team}", true, true, "ops*", true,
                     true},
        VariableCase{"MissingKeyUnresolved", "${aws:userid}", true, true, "", false, false},
        VariableCase{"MultivaluedUnresolved", "${aws:TagKeys}", true, true, "a", false, false},
        VariableCase{"DefaultValue", "${aws:userid, 'nobody'}", true, true, "nobody", true, true},
        VariableCase{"DefaultWithQuote", "${aws:userid, 'it''s'}", true, true, "it's", true, true},
        VariableCase{"EscapedStar", "a${*}", true, true, "a*", true, true},
        VariableCase{"EscapedStarIsNotWildcard", "a${*}", true, true, "abc", true, false},
        VariableCase{"EscapedQuestionAndDollar", "${?}${$}", true, true, "?$", true, true},
        VariableCase{"EmptyVariableUnresolved", "${}", true, true, "", false, false},
        VariableCase{"UnclosedIsLiteral", "a${b", true, true, "a${b", true, true},
        VariableCase{"OldVersionKeepsText", "${aws:username}", true, false, "${aws:username}", true,
                     true},
        VariableCase{"NoWildcardsForEquals", "a*", false, true, "abc", true, false}),
    [](const testing::TestParamInfo<VariableCase>& info) { return info.param.name; });

}  // namespace
}  // namespace vueops::iam
