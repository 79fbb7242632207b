#include "state/record.h"

#include <algorithm>
#include <array>
#include <utility>

#include "base/did_you_mean.h"

namespace vueops::state {
namespace {

constexpr std::array<std::pair<RecordStatus, std::string_view>, 3> kStatusNames = {{
    {RecordStatus::kIntent, "intent"},
    {RecordStatus::kCreated, "created"},
    {RecordStatus::kTainted, "tainted"},
}};

// The JSON form's members, in the order RecordToJson writes them.
const std::vector<std::string>& FieldNames() {
  static const std::vector<std::string> names = {
      "address",    "type",    "account",      "region",       "id",        "status",
      "attributes", "outputs", "dependencies", "create_token", "updated_at"};
  return names;
}

std::string JsonTypeName(const Json& value) {
  if (value.is_number_integer()) return "an integer";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  if (value.is_boolean()) return "a boolean";
  return "null";
}

// Reads the members of one record's JSON form, naming the record (once its address is known)
// and the field in every error.
class FieldReader {
 public:
  explicit FieldReader(const Json& json) : json_(json) {}

  void set_address(const std::string& address) { address_ = address; }

  Status Error(std::string_view field, std::string_view problem) const {
    std::string record = address_.empty() ? "state record" : "state record '" + address_ + "'";
    return InvalidArgumentError(record + ": field '" + std::string(field) + "' " +
                                std::string(problem));
  }

  Status WrongType(std::string_view field, std::string_view wanted, const Json& value) const {
    return Error(field, "must be " + std::string(wanted) + ", not " + JsonTypeName(value));
  }

  // Sets *out when the field is present. Fails when it is of another type, or absent and
  // required.
  Status String(std::string_view field, std::string* out, bool required = false) const {
    auto it = json_.find(field);
    if (it == json_.end()) return required ? Error(field, "is missing") : Status::Ok();
    if (!it->is_string()) return WrongType(field, "a string", *it);
    *out = it->get<std::string>();
    return Status::Ok();
  }

  Status Object(std::string_view field, Json* out) const {
    auto it = json_.find(field);
    if (it == json_.end()) return Status::Ok();
    if (!it->is_object()) return WrongType(field, "an object", *it);
    *out = *it;
    return Status::Ok();
  }

  Status StringArray(std::string_view field, std::vector<std::string>* out) const {
    auto it = json_.find(field);
    if (it == json_.end()) return Status::Ok();
    if (!it->is_array()) return WrongType(field, "an array of addresses", *it);
    out->clear();
    for (size_t i = 0; i < it->size(); ++i) {
      const Json& element = (*it)[i];
      if (!element.is_string()) {
        return WrongType(std::string(field) + "[" + std::to_string(i) + "]", "a string", element);
      }
      out->push_back(element.get<std::string>());
    }
    return Status::Ok();
  }

  Status Integer(std::string_view field, int64_t* out) const {
    auto it = json_.find(field);
    if (it == json_.end()) return Status::Ok();
    if (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
      return Error(field, "is out of range");
    }
    if (!it->is_number_integer()) return WrongType(field, "an integer", *it);
    *out = it->get<int64_t>();
    return Status::Ok();
  }

  Status UnknownFields() const {
    for (auto it = json_.begin(); it != json_.end(); ++it) {
      const std::vector<std::string>& known = FieldNames();
      if (std::find(known.begin(), known.end(), it.key()) != known.end()) continue;
      std::string hint = DidYouMean(it.key(), known);
      return Error(it.key(), "is not a record field" + (hint.empty() ? "" : "; " + hint));
    }
    return Status::Ok();
  }

 private:
  const Json& json_;
  std::string address_;
};

}  // namespace

std::string_view RecordStatusName(RecordStatus status) {
  for (const auto& [value, name] : kStatusNames) {
    if (value == status) return name;
  }
  return "unknown";
}

Result<RecordStatus> ParseRecordStatus(std::string_view name) {
  std::vector<std::string> names;
  for (const auto& [value, known] : kStatusNames) {
    if (known == name) return value;
    names.emplace_back(known);
  }
  std::string hint = DidYouMean(name, names);
  return InvalidArgumentError("'" + std::string(name) +
                              "' is not a record status (intent, created or tainted)" +
                              (hint.empty() ? "" : "; " + hint));
}

Status ValidateRecord(const ResourceRecord& record) {
  if (record.address.empty()) return InvalidArgumentError("state record: the address is empty");
  std::string name = "state record '" + record.address + "': ";
  if (record.type.empty()) return InvalidArgumentError(name + "the type is empty");
  if (!record.attributes.is_object()) {
    return InvalidArgumentError(name + "attributes must be a JSON object, not " +
                                JsonTypeName(record.attributes));
  }
  if (!record.outputs.is_object()) {
    return InvalidArgumentError(name + "outputs must be a JSON object, not " +
                                JsonTypeName(record.outputs));
  }
  return Status::Ok();
}

Json RecordToJson(const ResourceRecord& record) {
  Json json = Json::object();
  json["address"] = record.address;
  json["type"] = record.type;
  json["account"] = record.account;
  json["region"] = record.region;
  json["id"] = record.id;
  json["status"] = RecordStatusName(record.status);
  json["attributes"] = record.attributes;
  json["outputs"] = record.outputs;
  json["dependencies"] = record.dependencies;
  json["create_token"] = record.create_token;
  json["updated_at"] = record.updated_at;
  return json;
}

Result<ResourceRecord> RecordFromJson(const Json& json) {
  if (!json.is_object()) {
    return InvalidArgumentError("state record: must be a JSON object, not " + JsonTypeName(json));
  }
  FieldReader reader(json);
  ResourceRecord record;
  RETURN_IF_ERROR(reader.String("address", &record.address, /*required=*/true));
  reader.set_address(record.address);
  RETURN_IF_ERROR(reader.UnknownFields());
  RETURN_IF_ERROR(reader.String("type", &record.type, /*required=*/true));
  RETURN_IF_ERROR(reader.String("account", &record.account));
  RETURN_IF_ERROR(reader.String("region", &record.region));
  RETURN_IF_ERROR(reader.String("id", &record.id));
  std::string status;
  RETURN_IF_ERROR(reader.String("status", &status, /*required=*/true));
  Result<RecordStatus> parsed = ParseRecordStatus(status);
  if (!parsed.ok()) return reader.Error("status", "is invalid: " + parsed.status().message());
  record.status = *parsed;
  RETURN_IF_ERROR(reader.Object("attributes", &record.attributes));
  RETURN_IF_ERROR(reader.Object("outputs", &record.outputs));
  RETURN_IF_ERROR(reader.StringArray("dependencies", &record.dependencies));
  RETURN_IF_ERROR(reader.String("create_token", &record.create_token));
  RETURN_IF_ERROR(reader.Integer("updated_at", &record.updated_at));
  RETURN_IF_ERROR(ValidateRecord(record));
  return record;
}

}  // namespace vueops::state
