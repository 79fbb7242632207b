#include "auth/ini_file.h"

#include <algorithm>

namespace vueops::auth {
namespace {

constexpr std::string_view kWhitespace = " \t\r\f\v";

std::string_view Trim(std::string_view text) {
  size_t start = text.find_first_not_of(kWhitespace);
  if (start == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(kWhitespace);
  return text.substr(start, end - start + 1);
}

std::string Lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Words that mark a key as holding a secret: aws_secret_access_key, aws_session_token,
// aws_security_token, and anything a user names similarly.
bool MentionsSecret(std::string_view text) {
  std::string lower = Lowercase(text);
  for (std::string_view word : {"secret", "token", "password"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

// The line as an error message may show it: what follows the key is hidden when the line or
// the property it continues may hold a secret.
std::string ShowableLine(std::string_view line, bool continues_secret) {
  if (continues_secret) return "<redacted>";
  if (!MentionsSecret(line)) return std::string(line);
  std::string_view trimmed = Trim(line);
  size_t key_end = trimmed.find_first_of("=: \t");
  if (key_end == std::string_view::npos) return "<redacted>";
  return std::string(trimmed.substr(0, key_end)) + " <redacted>";
}

// Splits "key = value" / "key: value" at the first separator; false when there is none.
bool SplitProperty(std::string_view line, std::string_view& key, std::string_view& value) {
  size_t separator = line.find_first_of("=:");
  if (separator == std::string_view::npos) return false;
  key = Trim(line.substr(0, separator));
  value = Trim(line.substr(separator + 1));
  return true;
}

}  // namespace

const IniProperty* IniSection::Find(std::string_view name) const {
  for (auto it = properties.rbegin(); it != properties.rend(); ++it) {
    if (it->name == name) return &*it;
  }
  return nullptr;
}

Result<IniFile> ParseIniFile(std::string_view text, std::string path) {
  IniFile file;
  file.path = std::move(path);
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark

  IniSection* section = nullptr;
  IniProperty* property = nullptr;  // the last top-level property, for continuation lines
  bool property_is_secret = false;
  int line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    auto syntax_error = [&](std::string_view what, bool continues_secret = false) {
      return InvalidArgumentError(file.path + ":" + std::to_string(line_number) + ": " +
                                  std::string(what) + "\n    " + std::to_string(line_number) +
                                  " | " + ShowableLine(line, continues_secret));
    };

    std::string_view trimmed = Trim(line);
    if (trimmed.empty() || trimmed.front() == '#' || trimmed.front() == ';') continue;
    bool indented = line.front() == ' ' || line.front() == '\t';

    if (indented) {
      if (property == nullptr) {
        return syntax_error("an indented line must continue a 'key = value' line above it",
                            property_is_secret);
      }
      if (property->value.empty()) {
        std::string_view key, value;
        if (!SplitProperty(trimmed, key, value) || key.empty()) {
          return syntax_error("expected an indented 'key = value' under '" + property->name + " ='",
                              property_is_secret);
        }
        property->sub_properties.push_back({Lowercase(key), std::string(value), line_number, {}});
      } else if (!property->sub_properties.empty()) {
        return syntax_error("expected an indented 'key = value'", property_is_secret);
      } else {
        property->value += '\n';
        property->value += trimmed;
      }
      continue;
    }

    if (trimmed.front() == '[') {
      size_t close = trimmed.find(']');
      if (close == std::string_view::npos) return syntax_error("missing ']' in section header");
      std::string_view after = Trim(trimmed.substr(close + 1));
      if (!after.empty() && after.front() != '#' && after.front() != ';') {
        return syntax_error("unexpected text after ']'");
      }
      std::string_view name = Trim(trimmed.substr(1, close - 1));
      if (name.empty()) return syntax_error("empty section name");
      file.sections.push_back({std::string(name), line_number, {}});
      section = &file.sections.back();
      property = nullptr;
      property_is_secret = false;
      continue;
    }

    std::string_view key, value;
    if (!SplitProperty(trimmed, key, value)) {
      // A stray line right after a secret is most likely that secret wrapped onto its own line.
      return syntax_error("expected '[section]' or 'key = value'", property_is_secret);
    }
    if (key.empty()) return syntax_error("missing key before '='");
    if (section == nullptr) {
      return syntax_error("'key = value' before any [section] header");
    }
    section->properties.push_back({Lowercase(key), std::string(value), line_number, {}});
    property = &section->properties.back();
    property_is_secret = MentionsSecret(key);
  }
  return file;
}

}  // namespace vueops::auth
