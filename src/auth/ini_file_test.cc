#include "auth/ini_file.h"

#include <gtest/gtest.h>

namespace vueops::auth {
namespace {

TEST(IniFileTest, ParsesSectionsPropertiesCommentsAndSubProperties) {
  Result<IniFile> file = ParseIniFile(
      "\xEF\xBB\xBF# leading comment\r\n"
      "[profile ops]   # trailing comment\n"
      "Region = eu-west-1\n"
      "output: json\n"
      "; another comment\n"
      "\n"
      "s3 =\n"
      "  max_concurrent_requests = 20\n"
      "  addressing_style = path\n"
      "note = first\n"
      "  second\n"
      "region = us-east-1\n"
      "[default]\n"
      "empty =\n",
      "config");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(file->sections.size(), 2u);
  const IniSection& ops = file->sections[0];
  EXPECT_EQ(ops.name, "profile ops");
  EXPECT_EQ(ops.line, 2);
  // Keys are case-insensitive; the later line wins.
  EXPECT_EQ(ops.Find("region")->value, "us-east-1");
  EXPECT_EQ(ops.Find("output")->value, "json");
  const IniProperty* s3 = ops.Find("s3");
  ASSERT_NE(s3, nullptr);
  ASSERT_EQ(s3->sub_properties.size(), 2u);
  EXPECT_EQ(s3->sub_properties[0].name, "max_concurrent_requests");
  EXPECT_EQ(s3->sub_properties[0].value, "20");
  EXPECT_EQ(ops.Find("note")->value, "first\nsecond");
  EXPECT_EQ(file->sections[1].Find("empty")->value, "");
  EXPECT_EQ(ops.Find("missing"), nullptr);
}

TEST(IniFileTest, ValuesKeepHashesAsBotocoreDoes) {
  Result<IniFile> file = ParseIniFile("[x]\ncredential_process = tool --tag #1\n", "config");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->sections[0].Find("credential_process")->value, "tool --tag #1");
}

struct SyntaxCase {
  const char* text;
  const char* expected;  // a substring of the message
};

TEST(IniFileTest, SyntaxErrorsNameFileLineAndTheLine) {
  for (const SyntaxCase& c : {
           SyntaxCase{"[default]\nregion us-east-1\n",
                      "/home/me/.aws/config:2: expected '[section]' or 'key = value'\n"
                      "    2 | region us-east-1"},
           SyntaxCase{"region = us-east-1\n", ":1: 'key = value' before any [section] header"},
           SyntaxCase{"[default\n", ":1: missing ']' in section header\n    1 | [default"},
           SyntaxCase{"[default] x\n", ":1: unexpected text after ']'"},
           SyntaxCase{"[ ]\n", ":1: empty section name"},
           SyntaxCase{"[default]\n= value\n", ":2: missing key before '='"},
           SyntaxCase{"[default]\n  indented = x\n", ":2: an indented line must continue"},
           SyntaxCase{"[default]\ns3 =\n  not a pair\n", ":3: expected an indented 'key = value'"},
       }) {
    Result<IniFile> file = ParseIniFile(c.text, "/home/me/.aws/config");
    ASSERT_FALSE(file.ok()) << c.text;
    EXPECT_EQ(file.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(file.status().message().find(c.expected), std::string::npos)
        << file.status().message();
  }
}

TEST(IniFileTest, SyntaxErrorsNeverShowASecret) {
  const std::string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  for (const std::string& text : {
           "[default]\naws_secret_access_key " + secret + "\n",
           "[default]\naws_session_token\t" + secret + "\n",
           "[default]\naws_secret_access_key =\n" + secret + "\n",
           "[default]\naws_secret_access_key =\n  " + secret + "\n  other = 1\n",
       }) {
    Result<IniFile> file = ParseIniFile(text, "credentials");
    ASSERT_FALSE(file.ok()) << text;
    EXPECT_EQ(file.status().message().find(secret), std::string::npos) << file.status().message();
    EXPECT_NE(file.status().message().find("<redacted>"), std::string::npos)
        << file.status().message();
  }
}

}  // namespace
}  // namespace vueops::auth
