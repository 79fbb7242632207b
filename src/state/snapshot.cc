#include "state/snapshot.h"

#include <algorithm>

namespace vueops::state {
namespace {

// The member that says "this is vueops state, in format N".
constexpr const char* kFormatMember = "vueops_state";

}  // namespace

Result<StateSnapshot> TakeSnapshot(StateStore& store) {
  StateSnapshot snapshot;
  ASSIGN_OR_RETURN(snapshot.info, store.Info());
  ASSIGN_OR_RETURN(snapshot.records, store.List());
  return snapshot;
}

std::string EncodeStateDocument(const StateSnapshot& snapshot) {
  // Written by hand around the records, so that each record is one line.
  Json head = Json::object();
  head[kFormatMember] = kStateFormatVersion;
  head["lineage"] = snapshot.info.lineage;
  head["serial"] = snapshot.info.serial;
  std::string text = DumpJson(head);
  text.pop_back();  // the closing brace
  text += ",\"records\":[";
  for (size_t i = 0; i < snapshot.records.size(); ++i) {
    text += i == 0 ? "\n" : ",\n";
    text += DumpJson(RecordToJson(snapshot.records[i]));
  }
  text += snapshot.records.empty() ? "]}\n" : "\n]}\n";
  return text;
}

Result<StateSnapshot> DecodeStateDocument(std::string_view text, const std::string& source) {
  Result<Json> parsed = ParseJson(text);
  if (!parsed.ok()) {
    return DataLossError(source + " is not a vueops state (" + parsed.status().message() +
                         "); restore an earlier version of it");
  }
  const Json& document = *parsed;
  if (!document.is_object() || !document.contains(kFormatMember)) {
    return FailedPreconditionError(source + " is not a vueops state (no \"" +
                                   std::string(kFormatMember) +
                                   "\" member); check the backend's bucket and key");
  }
  const Json& format = document[kFormatMember];
  if (!format.is_number_integer() || format.get<int64_t>() < 1) {
    return DataLossError(source + ": \"" + kFormatMember +
                         "\" must be a positive integer; restore an earlier version of it");
  }
  if (format.get<int64_t>() > kStateFormatVersion) {
    return FailedPreconditionError(source + " was written by a newer vueops (state format " +
                                   format.dump() + ", this one reads up to " +
                                   std::to_string(kStateFormatVersion) +
                                   "); use that vueops or a newer one");
  }
  StateSnapshot snapshot;
  snapshot.info.schema_version = kStateFormatVersion;
  const Json* lineage = document.contains("lineage") ? &document["lineage"] : nullptr;
  const Json* serial = document.contains("serial") ? &document["serial"] : nullptr;
  const Json* records = document.contains("records") ? &document["records"] : nullptr;
  if (lineage == nullptr || !lineage->is_string() || lineage->get<std::string>().empty() ||
      serial == nullptr || !serial->is_number_integer() || records == nullptr ||
      !records->is_array()) {
    return DataLossError(source +
                         " lacks a lineage, a serial or its records; restore an earlier "
                         "version of it");
  }
  snapshot.info.lineage = lineage->get<std::string>();
  snapshot.info.serial = serial->get<int64_t>();
  snapshot.records.reserve(records->size());
  for (size_t i = 0; i < records->size(); ++i) {
    Result<ResourceRecord> record = RecordFromJson((*records)[i]);
    if (!record.ok()) {
      return DataLossError(source + ": record " + std::to_string(i) + ": " +
                           record.status().message() + "; restore an earlier version of it");
    }
    snapshot.records.push_back(std::move(*record));
  }
  std::sort(snapshot.records.begin(), snapshot.records.end(),
            [](const ResourceRecord& a, const ResourceRecord& b) { return a.address < b.address; });
  for (size_t i = 1; i < snapshot.records.size(); ++i) {
    if (snapshot.records[i].address == snapshot.records[i - 1].address) {
      return DataLossError(source + " holds two records at '" + snapshot.records[i].address +
                           "'; restore an earlier version of it");
    }
  }
  return snapshot;
}

}  // namespace vueops::state
