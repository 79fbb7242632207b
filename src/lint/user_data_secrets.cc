#include "lint/user_data_secrets.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace vueops::lint {
namespace {

constexpr std::string_view kAccessKeyId = "an AWS access key id";
constexpr std::string_view kSecretAccessKey = "an aws_secret_access_key setting";
constexpr std::string_view kPrivateKey = "a PEM private key";
constexpr std::string_view kPassword = "a password";

// IAM access key ids: a four-letter prefix (AKIA long-term, ASIA temporary) and 16 more
// uppercase letters or digits (IAM User Guide, "Understanding unique ID prefixes").
constexpr size_t kAccessKeyIdLength = 20;

bool IsKeyChar(char c) {
  return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c));
}

bool IsIdentifierChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

bool HasAccessKeyId(std::string_view line) {
  for (size_t start = 0; start + kAccessKeyIdLength <= line.size(); ++start) {
    std::string_view prefix = line.substr(start, 4);
    if (prefix != "AKIA" && prefix != "ASIA") continue;
    if (start > 0 && IsKeyChar(line[start - 1])) continue;
    size_t end = start + kAccessKeyIdLength;
    if (end < line.size() && IsKeyChar(line[end])) continue;
    if (std::all_of(line.begin() + start + 4, line.begin() + end, IsKeyChar)) return true;
  }
  return false;
}

bool HasPrivateKey(std::string_view line) {
  size_t begin = line.find("-----BEGIN ");
  return begin != std::string_view::npos &&
         line.find("PRIVATE KEY-----", begin) != std::string_view::npos;
}

// "password" (any case, possibly the end of a longer name such as DB_PASSWORD) followed by
// '=' and a literal value. The value may be quoted; one that starts with '$' comes from a
// variable or a command at boot, and an empty one holds nothing.
bool HasPasswordAssignment(std::string_view line) {
  std::string lower = Lower(line);
  constexpr std::string_view kWord = "password";
  for (size_t at = lower.find(kWord); at != std::string::npos; at = lower.find(kWord, at + 1)) {
    size_t after = at + kWord.size();
    if (after < lower.size() && IsIdentifierChar(lower[after])) continue;  // passwords_file
    while (after < lower.size() && lower[after] == ' ') ++after;
    if (after >= lower.size() || lower[after] != '=') continue;
    ++after;
    if (after < lower.size() && lower[after] == '=') continue;  // a comparison: password==x
    while (after < lower.size() &&
           (lower[after] == ' ' || lower[after] == '"' || lower[after] == '\'')) {
      ++after;
    }
    if (after >= lower.size()) continue;
    char first = lower[after];
    if (first != '$' && first != ';' && first != '&' && first != '\r') return true;
  }
  return false;
}

}  // namespace

std::vector<SecretInText> FindSecretsInText(std::string_view text) {
  std::vector<SecretInText> found;
  int number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    ++number;
    if (HasAccessKeyId(line)) found.push_back({kAccessKeyId, number});
    if (Lower(line).find("aws_secret_access_key") != std::string::npos) {
      found.push_back({kSecretAccessKey, number});
    }
    if (HasPrivateKey(line)) found.push_back({kPrivateKey, number});
    if (HasPasswordAssignment(line)) found.push_back({kPassword, number});
    start = end + 1;
  }
  return found;
}

}  // namespace vueops::lint
