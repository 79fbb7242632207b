// organizational_unit: a group of accounts in the organization that service control
// policies attach to (Infrastructure, Production, Sandboxes).
//
// Attributes:
//   name       string  in place  the OU's name (unique under its parent)
//   parent_id  string  replace   the root (r-...) or OU it sits in; Organizations cannot move
//                                an OU
// Outputs: id (ou-...), arn.
//
// ReadMany lists each parent's OUs once (ListOrganizationalUnitsForParent) for all the
// records under it.
#include <map>

#include "resources/desired.h"
#include "resources/resource_calls.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kInPlace},
    {"parent_id", UpdateMode::kReplace},
};

// Organizations API Reference: the operations' errors.
constexpr std::string_view kOuNotFound = "OrganizationalUnitNotFoundException";
constexpr std::string_view kParentNotFound = "ParentNotFoundException";
constexpr std::string_view kDuplicateOu = "DuplicateOrganizationalUnitException";

Json Attributes(const Json& unit, const std::string& parent_id) {
  return {{"name", unit.value("Name", "")}, {"parent_id", parent_id}};
}

Json Outputs(const Json& unit) {
  return {{"id", unit.value("Id", "")}, {"arn", unit.value("Arn", "")}};
}

// The OUs directly under `parent_id`; kNotFound when the parent is gone.
Result<Json> UnitsUnder(ResourceContext& context, const std::string& parent_id) {
  Json units = Json::array();
  Json input = {{"ParentId", parent_id}};
  // Paged by hand: a gone parent is an answer (kNotFound), not a failure.
  while (true) {
    Result<Json> page = context.CallOrNotFound("organizations", "ListOrganizationalUnitsForParent",
                                               input, {kParentNotFound, kOuNotFound});
    if (!page.ok()) return page.status();
    for (const Json& unit : (*page)["OrganizationalUnits"]) units.push_back(unit);
    std::string token = page->value("NextToken", "");
    if (token.empty()) return units;
    input["NextToken"] = token;
  }
}

class OrganizationalUnitType : public ResourceType {
 public:
  std::string_view name() const override { return "organizational_unit"; }
  std::string_view service() const override { return "organizations"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    std::map<std::string, Result<Json>> by_parent;
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      std::string parent_id = record->attributes.value("parent_id", "");
      if (parent_id.empty()) {
        results.push_back(ReadAlone(context, *record));
        continue;
      }
      auto units = by_parent.find(parent_id);
      if (units == by_parent.end()) {
        units = by_parent.emplace(parent_id, UnitsUnder(context, parent_id)).first;
      }
      Result<Json> found =
          NotFoundError(record->address + ": organizational unit " + record->id + " is gone");
      if (!units->second.ok() && units->second.status().code() != StatusCode::kNotFound) {
        found = units->second.status();
      } else if (units->second.ok()) {
        for (const Json& unit : *units->second) {
          if (unit.value("Id", "") == record->id) found = Attributes(unit, parent_id);
        }
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string parent_id = desired.value("parent_id", "");
    std::string unit_name = desired.value("name", "");
    bool existed = false;
    ASSIGN_OR_RETURN(
        Json output,
        CallUnlessDone(context, "organizations", "CreateOrganizationalUnit",
                       {{"ParentId", parent_id}, {"Name", unit_name}, {"Tags", context.TagList()}},
                       {kDuplicateOu}, &existed));
    if (!existed) {
      const Json& unit = output["OrganizationalUnit"];
      return Created{unit.value("Id", ""), Outputs(unit), Attributes(unit, parent_id)};
    }
    // A create whose answer was lost made it already: take it back only if it carries this
    // resource's address.
    ASSIGN_OR_RETURN(std::optional<Json> unit, Named(context, parent_id, unit_name));
    if (unit) {
      ASSIGN_OR_RETURN(Json tags, context.Call("organizations", "ListTagsForResource",
                                               {{"ResourceId", unit->value("Id", "")}}));
      for (const Json& tag : tags["Tags"]) {
        if (tag.value("Key", "") == kAddressTag && tag.value("Value", "") == context.address()) {
          return Created{unit->value("Id", ""), Outputs(*unit), Attributes(*unit, parent_id)};
        }
      }
    }
    return AlreadyExistsError(context.address() + ": an organizational unit named " + unit_name +
                              " exists under " + parent_id +
                              " and is not tagged as this resource; adopt it with "
                              "`vueops import`");
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    return context
        .Call("organizations", "UpdateOrganizationalUnit",
              {{"OrganizationalUnitId", record.id}, {"Name", desired.value("name", "")}})
        .status();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return CallIgnoring(context, "organizations", "DeleteOrganizationalUnit",
                        {{"OrganizationalUnitId", record.id}}, {kOuNotFound});
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    std::string parent_id = desired.value("parent_id", "");
    if (parent_id.empty() || parent_id == kUnknownValue) return std::optional<Found>();
    ASSIGN_OR_RETURN(std::optional<Json> unit,
                     Named(context, parent_id, desired.value("name", "")));
    if (!unit) return std::optional<Found>();
    return std::optional<Found>(
        Found{unit->value("Id", ""), Outputs(*unit), Attributes(*unit, parent_id)});
  }

 private:
  // The OU called `unit_name` under `parent_id` (names are unique under a parent).
  static Result<std::optional<Json>> Named(ResourceContext& context, const std::string& parent_id,
                                           const std::string& unit_name) {
    Result<Json> units = UnitsUnder(context, parent_id);
    if (!units.ok()) {
      if (units.status().code() == StatusCode::kNotFound) return std::optional<Json>();
      return units.status();
    }
    for (const Json& unit : *units) {
      if (unit.value("Name", "") == unit_name) return std::optional<Json>(unit);
    }
    return std::optional<Json>();
  }

  // One OU whose parent the record does not say (an import): described, then its parent.
  static Result<Json> ReadAlone(ResourceContext& context, const state::ResourceRecord& record) {
    ASSIGN_OR_RETURN(Json described,
                     context.CallOrNotFound("organizations", "DescribeOrganizationalUnit",
                                            {{"OrganizationalUnitId", record.id}}, {kOuNotFound}));
    ASSIGN_OR_RETURN(Json parents,
                     context.Call("organizations", "ListParents", {{"ChildId", record.id}}));
    std::string parent_id;
    if (parents["Parents"].is_array() && !parents["Parents"].empty()) {
      parent_id = parents["Parents"][0].value("Id", "");
    }
    return Attributes(described["OrganizationalUnit"], parent_id);
  }
};

}  // namespace

const ResourceType& OrganizationalUnit() {
  static const OrganizationalUnitType* type = new OrganizationalUnitType();
  return *type;
}

}  // namespace vueops::resources
