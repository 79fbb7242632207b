#include "resources/ses_smtp_password.h"

#include "auth/crypto.h"

namespace vueops::resources {
namespace {

// Amazon SES Developer Guide, "Obtaining Amazon SES SMTP credentials": the fixed inputs of the
// SigV4-style key chain, and the version byte that prefixes the signature.
constexpr std::string_view kKeyPrefix = "AWS4";
constexpr std::string_view kDate = "11111111";
constexpr std::string_view kService = "ses";
constexpr std::string_view kTerminal = "aws4_request";
constexpr std::string_view kMessage = "SendRawEmail";
constexpr char kVersion = 0x04;

}  // namespace

std::string SesSmtpPassword(std::string_view secret_access_key, std::string_view region) {
  std::string key(kKeyPrefix);
  key += secret_access_key;
  auth::Sha256Digest signature = auth::HmacSha256(key, kDate);
  for (std::string_view step : {region, kService, kTerminal, kMessage}) {
    signature = auth::HmacSha256(signature, step);
  }
  std::string versioned(1, kVersion);
  versioned.append(reinterpret_cast<const char*>(signature.data()), signature.size());
  return auth::Base64Encode(versioned);
}

std::string SesSmtpHost(std::string_view region) {
  return "email-smtp." + std::string(region) + ".amazonaws.com";
}

}  // namespace vueops::resources
