#include "auth/role_credentials_cache.h"

#include <sys/stat.h>

#include <cstdio>

#include "auth/aws_time.h"
#include "auth/crypto.h"
#include "base/file.h"
#include "base/json.h"

namespace vueops::auth {
namespace {

constexpr int kCacheFormatVersion = 1;
constexpr mode_t kDirectoryMode = 0700;
constexpr mode_t kFileMode = 0600;
constexpr uint64_t kMaxCacheFileBytes = 64 << 10;

}  // namespace

Result<std::string> RoleCredentialsCache::DefaultDirectory(const Environment& environment) {
  if (std::optional<std::string> directory = environment.GetNonEmpty("VUEOPS_CACHE_DIR")) {
    return ExpandHome(*directory, environment);
  }
  ASSIGN_OR_RETURN(std::string home, HomeDirectory(environment));
  return JoinPath(home, ".vueops/cache");
}

std::string RoleCredentialsCache::Key(const AssumeRoleParams& params, std::string_view source) {
  Json key = Json::object();
  key["RoleArn"] = params.role_arn;
  key["RoleSessionName"] = params.role_session_name;
  key["ExternalId"] = params.external_id;
  key["SerialNumber"] = params.mfa_serial;
  key["DurationSeconds"] = params.duration ? params.duration->count() : 0;
  key["SourceIdentity"] = params.source_identity;
  key["PolicyArns"] = params.policy_arns;
  key["Policy"] = params.policy;
  Json tags = Json::array();
  for (const auto& [name, value] : params.tags) tags.push_back(Json::array({name, value}));
  key["Tags"] = std::move(tags);
  key["TransitiveTagKeys"] = params.transitive_tag_keys;
  key["Source"] = std::string(source);
  return Sha256Hex(DumpJson(key));
}

std::string RoleCredentialsCache::PathFor(std::string_view key) const {
  return JoinPath(directory_, std::string(key) + ".json");
}

Status RoleCredentialsCache::CheckDirectory() const {
  struct stat info;
  if (::stat(directory_.c_str(), &info) != 0) return Status::Ok();  // created on Store
  if ((info.st_mode & 0022) != 0) {
    char octal[8];
    std::snprintf(octal, sizeof octal, "%04o", static_cast<unsigned>(info.st_mode & 0777));
    return PermissionDeniedError("the credentials cache directory " + directory_ + " has mode " +
                                 octal + ", writable by others; run: chmod 700 " + directory_);
  }
  return Status::Ok();
}

Result<std::optional<Credentials>> RoleCredentialsCache::Load(std::string_view key,
                                                              Clock::Duration min_remaining) {
  RETURN_IF_ERROR(CheckDirectory());
  const std::string path = PathFor(key);
  if (!FileExists(path)) return std::optional<Credentials>();
  RETURN_IF_ERROR(CheckPrivateFileMode(path));
  auto corrupt = [&](std::string_view why) {
    if (notes_)
      notes_("ignoring the cached role credentials in " + path + " (" + std::string(why) +
             "); they will be replaced");
    return std::optional<Credentials>();
  };
  Result<std::string> text = ReadFile(path, kMaxCacheFileBytes);
  if (!text.ok()) return corrupt(text.status().message());
  Json document = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) return corrupt("not JSON");
  auto version = document.find("Version");
  if (version == document.end() || *version != kCacheFormatVersion) {
    return corrupt("unknown format version");
  }
  Result<Credentials> credentials = ParseCredentialsDocument(
      *text, "SessionToken", "the cache file", /*require_expiration=*/true);
  if (!credentials.ok()) return corrupt(credentials.status().message());
  auto source = document.find("Source");
  if (source != document.end() && source->is_string()) {
    credentials->source = source->get<std::string>() + " (cached)";
  }
  auto role_session = document.find("RoleSession");
  credentials->role_session =
      role_session != document.end() && role_session->is_boolean() && role_session->get<bool>();
  if (*credentials->expiration - clock_.Now() <= min_remaining) {
    return std::optional<Credentials>();
  }
  return std::optional<Credentials>(std::move(*credentials));
}

Status RoleCredentialsCache::Store(std::string_view key, const Credentials& credentials) {
  if (!credentials.expiration) {
    return InvalidArgumentError("only temporary credentials with an expiration are cached");
  }
  Json document = Json::object();
  document["Version"] = kCacheFormatVersion;
  document["AccessKeyId"] = credentials.access_key_id;
  document["SecretAccessKey"] = credentials.secret_access_key;
  document["SessionToken"] = credentials.session_token;
  document["Expiration"] = FormatIso8601(*credentials.expiration);
  document["Source"] = credentials.source;
  document["RoleSession"] = credentials.role_session;
  std::lock_guard<std::mutex> lock(store_mutex_);
  RETURN_IF_ERROR(MakeDirectories(directory_, kDirectoryMode));
  RETURN_IF_ERROR(CheckDirectory());
  return WriteFileAtomic(PathFor(key), DumpJson(document), kFileMode);
}

}  // namespace vueops::auth
