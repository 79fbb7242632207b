// Test helpers: policies written inline as JSON, parsed or the test fails.
#ifndef VUEOPS_IAM_POLICY_TESTING_H_
#define VUEOPS_IAM_POLICY_TESTING_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "iam/policy_parser.h"

namespace vueops::iam {

inline Policy MustParse(PolicyKind kind, std::string name, std::string_view json) {
  Result<Policy> policy = ParsePolicy(json, kind, std::move(name));
  if (!policy.ok()) {
    ADD_FAILURE() << policy.status().message() << "\nin: " << json;
    return Policy{};
  }
  return *std::move(policy);
}

// One statement in a current-version document: Statement(R"("Effect": "Allow", ...)").
inline std::string Document(std::string_view statements) {
  return R"({"Version": "2012-10-17", "Statement": [)" + std::string(statements) + "]}";
}

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_POLICY_TESTING_H_
