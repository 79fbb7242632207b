#include "resources/desired.h"

namespace vueops::resources {

Json Reference(std::string_view address, std::string_view output) {
  return Json{{"$ref", address}, {"output", output}};
}

Json Join(std::vector<Json> parts) {
  Json list = Json::array();
  for (Json& part : parts) list.push_back(std::move(part));
  return Json{{"$join", std::move(list)}};
}

bool IsReference(const Json& value) {
  return value.is_object() && value.size() == 2 && value.contains("$ref") &&
         value.contains("output");
}

namespace {

bool IsJoin(const Json& value) {
  return value.is_object() && value.size() == 1 && value.contains("$join") &&
         value["$join"].is_array();
}

std::string AsText(const Json& value) {
  return value.is_string() ? value.get<std::string>() : DumpJson(value);
}

}  // namespace

void CollectReferences(const Json& value, std::set<std::string>* addresses) {
  if (IsReference(value)) {
    addresses->insert(value["$ref"].get<std::string>());
    return;
  }
  if (value.is_object() || value.is_array()) {
    for (const Json& item : value) CollectReferences(item, addresses);
  }
}

Json ResolveReferences(const Json& value, const OutputLookup& lookup, bool* fully_known) {
  if (IsReference(value)) {
    std::optional<Json> resolved =
        lookup(value["$ref"].get<std::string>(), value["output"].get<std::string>());
    if (resolved) return *resolved;
    *fully_known = false;
    return std::string(kUnknownValue);
  }
  if (IsJoin(value)) {
    std::string text;
    bool known = true;
    for (const Json& part : value["$join"]) {
      Json resolved = ResolveReferences(part, lookup, &known);
      text += AsText(resolved);
    }
    if (!known) {
      *fully_known = false;
      return std::string(kUnknownValue);
    }
    return text;
  }
  if (value.is_object()) {
    Json out = Json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
      out[it.key()] = ResolveReferences(it.value(), lookup, fully_known);
    }
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& item : value) out.push_back(ResolveReferences(item, lookup, fully_known));
    return out;
  }
  return value;
}

bool ContainsUnknown(const Json& value) {
  if (value.is_string()) return value.get<std::string>() == kUnknownValue;
  if (value.is_object() || value.is_array()) {
    for (const Json& item : value) {
      if (ContainsUnknown(item)) return true;
    }
  }
  return false;
}

Result<AddressParts> ParseAddress(std::string_view address) {
  size_t first = address.find('.');
  size_t second = first == std::string_view::npos ? first : address.find('.', first + 1);
  if (second == std::string_view::npos || first == 0 || second == first + 1 ||
      second + 1 >= address.size()) {
    return InvalidArgumentError("'" + std::string(address) +
                                "' is not a resource address (scope.type.name, e.g. "
                                "prod.security_group.servers)");
  }
  return AddressParts{std::string(address.substr(0, first)),
                      std::string(address.substr(first + 1, second - first - 1)),
                      std::string(address.substr(second + 1))};
}

std::string MakeAddress(std::string_view scope, std::string_view type, std::string_view name) {
  std::string address(scope);
  address += '.';
  address += type;
  address += '.';
  address += name;
  return address;
}

}  // namespace vueops::resources
