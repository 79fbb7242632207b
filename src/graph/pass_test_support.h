// What the builder passes' tests share: the example stack, one pass run over its
// environments, the resources by address. Header-only, for *_test.cc files.
#ifndef VUEOPS_GRAPH_PASS_TEST_SUPPORT_H_
#define VUEOPS_GRAPH_PASS_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "graph/build.h"
#include "resources/desired.h"
#include "resources/resource_type.h"
#include "spec/loader.h"

namespace vueops::graph {

inline spec::Stack ExampleStack() {
  spec::LoadResult loaded = spec::LoadStack(std::string(VUEOPS_SOURCE_DIR) + "/examples/vueocity");
  EXPECT_TRUE(loaded.ok());
  return loaded.stack.value_or(spec::Stack());
}

using EnvironmentPass = void (*)(BuildContext&, const spec::Environment&);

// `pass` alone over every environment of `stack`, by address.
inline Result<std::map<std::string, resources::DesiredResource>> BuildWith(
    const spec::Stack& stack, EnvironmentPass pass) {
  BuildOptions options;
  BuildContext context(stack, options);
  for (const spec::Environment& env : stack.environments) pass(context, env);
  ASSIGN_OR_RETURN(std::vector<resources::DesiredResource> resources, context.Finish());
  std::map<std::string, resources::DesiredResource> by_address;
  for (resources::DesiredResource& resource : resources) {
    by_address[resource.address] = std::move(resource);
  }
  return by_address;
}

// The environment `name` of `stack`, to change before building; a failure when absent.
inline spec::Environment* MutableEnv(spec::Stack& stack, std::string_view name) {
  for (spec::Environment& env : stack.environments) {
    if (env.name == name) return &env;
  }
  ADD_FAILURE() << "no environment " << name;
  return nullptr;
}

// The resource at `address`, or an empty one and a failure saying it was not built.
inline const resources::DesiredResource& FindBuilt(
    const std::map<std::string, resources::DesiredResource>& resources,
    const std::string& address) {
  static const resources::DesiredResource missing;
  auto it = resources.find(address);
  EXPECT_NE(it, resources.end()) << address << " was not built";
  return it == resources.end() ? missing : it->second;
}

}  // namespace vueops::graph

#endif  // VUEOPS_GRAPH_PASS_TEST_SUPPORT_H_
