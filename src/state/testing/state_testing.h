// Helpers the state module's tests share: a scratch folder, and records worth storing.
#ifndef VUEOPS_STATE_TESTING_STATE_TESTING_H_
#define VUEOPS_STATE_TESTING_STATE_TESTING_H_

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "state/record.h"

namespace vueops::state::testing {

// A fresh folder under $TMPDIR (else /tmp), removed with its contents when the test ends.
class ScratchDir {
 public:
  ScratchDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr && base[0] != '\0' ? base : "/tmp") +
                          "/vueops_state_test_XXXXXX";
    char* made = ::mkdtemp(pattern.data());
    path_ = made != nullptr ? made : "";
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A created record with every field set, distinct for each `n`.
inline ResourceRecord SampleRecord(const std::string& address, int n = 0) {
  ResourceRecord record;
  record.address = address;
  record.type = "security_group";
  record.account = "vueprod";
  record.region = "us-east-1";
  record.id = "sg-0abc" + std::to_string(n);
  record.status = RecordStatus::kCreated;
  record.attributes = Json::object();
  record.attributes["name"] = "servers";
  record.attributes["ingress"] =
      Json::array({Json{{"port", 80}, {"from", "prod.security_group.load_balancer"}}});
  record.attributes["n"] = n;
  record.outputs = Json::object();
  record.outputs["id"] = record.id;
  record.outputs["arn"] = "arn:aws:ec2:us-east-1:123456789012:security-group/" + record.id;
  record.dependencies = {"prod.vpc.main"};
  record.create_token = "vueops-token-" + std::to_string(n);
  record.updated_at = 1'700'000'000 + n;
  return record;
}

}  // namespace vueops::state::testing

#endif  // VUEOPS_STATE_TESTING_STATE_TESTING_H_
