// The INI dialect of the AWS shared config and credentials files (~/.aws/config,
// ~/.aws/credentials), as botocore reads it with configparser:
//   [section name]        # a comment may follow a section header
//   key = value           # ':' also separates; keys are case-insensitive (stored lowercase)
//   ; or # starts a comment line; blank lines are ignored
//   s3 =                  # a property with an empty value...
//     max_attempts = 5    # ...takes the indented "key = value" lines below as sub-properties
//   other = first line    # an indented line after a non-empty value continues that value
//     second line         #   ("first line\nsecond line")
// Values are kept as written (trimmed): like botocore, no inline comments in values.
#ifndef VUEOPS_AUTH_INI_FILE_H_
#define VUEOPS_AUTH_INI_FILE_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace vueops::auth {

struct IniProperty {
  std::string name;  // lowercase
  std::string value;
  int line = 0;
  std::vector<IniProperty> sub_properties;
};

struct IniSection {
  std::string name;  // between the brackets, trimmed: "default", "profile ops", "services dev"
  int line = 0;
  std::vector<IniProperty> properties;

  // The last property named `name` (a later line overrides an earlier one), or nullptr.
  const IniProperty* Find(std::string_view name) const;
};

struct IniFile {
  std::string path;
  std::vector<IniSection> sections;
};

// Parses `text` read from `path` (the path is used only in messages). A syntax error is a
// kInvalidArgument naming path:line, what was expected and the offending line, which is
// redacted when it may hold a secret (it names a secret key or token, or continues a
// property that does).
Result<IniFile> ParseIniFile(std::string_view text, std::string path);

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_INI_FILE_H_
