#include "resources/resource_type.h"

namespace vueops::resources {

std::vector<Result<Json>> ResourceType::ReadMany(
    ResourceContext& context, std::span<const state::ResourceRecord* const> records) const {
  std::vector<Result<Json>> results;
  results.reserve(records.size());
  for (const state::ResourceRecord* record : records) results.push_back(Read(context, *record));
  return results;
}

Status ResourceType::Update(ResourceContext& context, const state::ResourceRecord&, const Json&,
                            const std::vector<std::string>& changed) const {
  std::string names;
  for (const std::string& name : changed) names += (names.empty() ? "" : ", ") + name;
  return InternalError(context.address() + ": type " + std::string(name()) +
                       " cannot update " + names + " in place");
}

Status ResourceType::CheckUpdate(const std::string&, const Json&, const Json&) const {
  return Status::Ok();
}

Status ResourceType::WaitReady(ResourceContext&, const state::ResourceRecord&) const {
  return Status::Ok();
}

const Attribute* ResourceType::FindAttribute(std::string_view attribute) const {
  for (const Attribute& candidate : attributes()) {
    if (candidate.name == attribute) return &candidate;
  }
  return nullptr;
}

}  // namespace vueops::resources
