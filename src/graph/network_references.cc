#include "graph/network_references.h"

#include <cctype>

#include "resources/desired.h"

namespace vueops::graph {

std::string ZoneLetter(std::string_view availability_zone) {
  return availability_zone.empty() ? "" : std::string(1, availability_zone.back());
}

Json SubnetReferences(const spec::Environment& env, SubnetPlacement placement) {
  bool use_private =
      placement == SubnetPlacement::kPrivateWhenPresent && !env.network.private_subnets.empty();
  const std::vector<spec::Subnet>& subnets =
      use_private ? env.network.private_subnets : env.network.public_subnets;
  Json references = Json::array();
  for (const spec::Subnet& subnet : subnets) {
    std::string name =
        std::string(use_private ? "private-" : "public-") + ZoneLetter(subnet.availability_zone);
    references.push_back(resources::Reference(resources::MakeAddress(env.name, "subnet", name)));
  }
  return references;
}

Json SecurityGroupReferences(const spec::Environment& env, const std::vector<std::string>& names) {
  Json references = Json::array();
  for (const std::string& name : names) {
    references.push_back(
        resources::Reference(resources::MakeAddress(env.name, "security_group", name)));
  }
  return references;
}

Json TagsAttribute(const spec::Environment& env) {
  Json tags = Json::object();
  for (const auto& [key, value] : env.tags) tags[key] = value;
  return tags;
}

std::string LowerCase(std::string name) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

}  // namespace vueops::graph
