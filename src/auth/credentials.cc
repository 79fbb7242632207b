#include "auth/credentials.h"

#include <utility>

#include "auth/aws_time.h"

namespace vueops::auth {
namespace {

constexpr std::string_view kRedacted = "<redacted>";

// Key ids are not secret, but they are account-identifying: show enough to tell keys apart.
std::string AbbreviateKeyId(std::string_view key_id) {
  if (key_id.empty()) return "(no key id)";
  if (key_id.size() <= 8) return std::string(key_id.substr(0, 4)) + "...";
  return std::string(key_id.substr(0, 4)) + "..." + std::string(key_id.substr(key_id.size() - 4));
}

void ReplaceAll(std::string& text, std::string_view needle) {
  if (needle.empty()) return;
  size_t position = 0;
  while ((position = text.find(needle, position)) != std::string::npos) {
    text.replace(position, needle.size(), kRedacted);
    position += kRedacted.size();
  }
}

}  // namespace

std::string Credentials::Describe() const {
  std::string text = AbbreviateKeyId(access_key_id);
  if (temporary() || expiration) {
    text += " (temporary";
    if (expiration) text += ", expires " + FormatIso8601(*expiration);
    text += ")";
  }
  if (!source.empty()) text += " from " + source;
  return text;
}

std::string RedactSecrets(std::string_view text, const Credentials& credentials) {
  std::string out(text);
  // The longer first, so that a secret contained in the other is hidden whole.
  std::string_view first = credentials.session_token;
  std::string_view second = credentials.secret_access_key;
  if (first.size() < second.size()) std::swap(first, second);
  ReplaceAll(out, first);
  ReplaceAll(out, second);
  return out;
}

}  // namespace vueops::auth
