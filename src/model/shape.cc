#include "model/shape.h"

namespace vueops::model {

std::string_view ShapeTypeName(ShapeType type) {
  switch (type) {
    case ShapeType::kStructure: return "structure";
    case ShapeType::kList: return "list";
    case ShapeType::kMap: return "map";
    case ShapeType::kString: return "string";
    case ShapeType::kInteger: return "integer";
    case ShapeType::kLong: return "long";
    case ShapeType::kFloat: return "float";
    case ShapeType::kDouble: return "double";
    case ShapeType::kBoolean: return "boolean";
    case ShapeType::kTimestamp: return "timestamp";
    case ShapeType::kBlob: return "blob";
  }
  return "unknown";
}

const Member* Shape::FindMember(std::string_view member_name) const {
  for (const Member& member : members) {
    if (member.name == member_name) return &member;
  }
  return nullptr;
}

std::vector<std::string> Shape::MemberNames() const {
  std::vector<std::string> names;
  names.reserve(members.size());
  for (const Member& member : members) names.push_back(member.name);
  return names;
}

}  // namespace vueops::model
