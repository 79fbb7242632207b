// Fakes for the outside world of the credential providers: a role assumer, an MFA prompter,
// a temporary directory and a note collector. Header-only, for auth's tests.
#ifndef VUEOPS_AUTH_TESTING_FAKES_H_
#define VUEOPS_AUTH_TESTING_FAKES_H_

#include <stdlib.h>

#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/credentials_provider.h"
#include "auth/mfa_prompter.h"
#include "auth/role_assumer.h"
#include "base/clock.h"

namespace vueops::auth::testing {

// Answers AssumeRole with credentials derived from the role ARN ("AKID-<n>") expiring after
// the requested duration (default one hour), or with queued errors; records every call.
class FakeRoleAssumer : public RoleAssumer {
 public:
  struct Call {
    Credentials source;
    AssumeRoleParams params;
  };

  explicit FakeRoleAssumer(Clock& clock) : clock_(clock) {}

  void FailNext(Status status) {
    std::lock_guard<std::mutex> lock(mutex_);
    failures_.push_back(std::move(status));
  }

  Result<Credentials> AssumeRole(const Credentials& source,
                                 const AssumeRoleParams& params) override {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back({source, params});
    if (!failures_.empty()) {
      Status failure = std::move(failures_.front());
      failures_.pop_front();
      return failure;
    }
    Credentials credentials;
    credentials.access_key_id = "ASIA-ROLE-" + std::to_string(calls_.size());
    credentials.secret_access_key = "role-secret-" + std::to_string(calls_.size());
    credentials.session_token = "role-token-" + std::to_string(calls_.size());
    credentials.expiration = clock_.Now() + params.duration.value_or(std::chrono::hours(1));
    return credentials;
  }

  std::vector<Call> calls() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }

 private:
  Clock& clock_;
  mutable std::mutex mutex_;
  std::vector<Call> calls_;
  std::deque<Status> failures_;
};

// Returns `code` and records which profile and device it was asked about.
class FakeMfaPrompter : public MfaPrompter {
 public:
  explicit FakeMfaPrompter(std::string code = "123456") : code_(std::move(code)) {}
  Result<std::string> PromptForCode(std::string_view profile,
                                    std::string_view mfa_serial) override {
    prompts_.emplace_back(std::string(profile), std::string(mfa_serial));
    return code_;
  }
  const std::vector<std::pair<std::string, std::string>>& prompts() const { return prompts_; }

 private:
  std::string code_;
  std::vector<std::pair<std::string, std::string>> prompts_;
};

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it at the end.
class TempDirectory {
 public:
  TempDirectory() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr && base[0] != '\0' ? base : "/tmp") +
                          "/vueops-auth-test-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

  const std::string& path() const { return path_; }
  std::string operator/(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

// Collects notes; thread-safe.
class NoteCollector {
 public:
  NoteSink sink() {
    return [this](std::string_view note) {
      std::lock_guard<std::mutex> lock(mutex_);
      notes_.emplace_back(note);
    };
  }
  std::vector<std::string> notes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return notes_;
  }
  std::string joined() const {
    std::string all;
    for (const std::string& note : notes()) all += note + "\n";
    return all;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> notes_;
};

}  // namespace vueops::auth::testing

#endif  // VUEOPS_AUTH_TESTING_FAKES_H_
