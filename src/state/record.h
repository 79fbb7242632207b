// What vueops remembers about one AWS object it manages.
#ifndef VUEOPS_STATE_RECORD_H_
#define VUEOPS_STATE_RECORD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"

namespace vueops::state {

// The version of the state format this vueops writes (the SQLite schema; later the S3
// document): StateInfo::schema_version of a current state.
inline constexpr int kStateFormatVersion = 1;

// Where a record is in its life. An intent is written before the create call is sent, so a
// crash between the call and its answer leaves a record the next run finds: it adopts the
// object (found by its token or tags) or creates it with the same idempotency token.
enum class RecordStatus {
  kIntent,   // the create was (perhaps) sent; the object may or may not exist
  kCreated,  // the object exists and `id` names it
  kTainted,  // the object exists but did not become ready; the next apply replaces it
};

std::string_view RecordStatusName(RecordStatus status);
// kInvalidArgument for a name that is not one of the above.
Result<RecordStatus> ParseRecordStatus(std::string_view name);

struct ResourceRecord {
  // "prod.security_group.servers", "org.account.vueprod": unique within a state.
  std::string address;
  std::string type;     // the resource type's name: "security_group"
  std::string account;  // the spec's account name ("vueprod"); "" for the management account
  std::string region;   // "" for global resources (IAM, Organizations, Route53, CloudFront)
  std::string id;       // the physical id ("sg-0abc..."); empty for an intent not yet answered
  RecordStatus status = RecordStatus::kCreated;
  // The attributes as last applied or read, in the type's schema. Never holds secrets: the
  // type's sensitive attributes are left out before a record is stored.
  Json attributes = Json::object();
  // Values other resources refer to ("id", "arn", "dns_name", ...).
  Json outputs = Json::object();
  // Addresses this object depends on, kept so that an object the spec no longer mentions is
  // still destroyed in a safe order.
  std::vector<std::string> dependencies;
  // The idempotency token (ClientToken, CallerReference) of the create, stable across retries
  // and crashes.
  std::string create_token;
  int64_t updated_at = 0;  // seconds since the epoch

  bool operator==(const ResourceRecord&) const = default;
};

// What every store requires of a record it keeps: an address and a type, and attributes and
// outputs that are JSON objects. kInvalidArgument naming the record and the field.
Status ValidateRecord(const ResourceRecord& record);

// The record's JSON form, shared by the SQLite store (attributes, outputs and dependencies as
// JSON text), `vueops state show --json` and the S3 backend. Members in declaration order:
//   {"address": ..., "type": ..., "account": ..., "region": ..., "id": ..., "status": "created",
//    "attributes": {...}, "outputs": {...}, "dependencies": [...], "create_token": ...,
//    "updated_at": 1700000000}
Json RecordToJson(const ResourceRecord& record);
// The inverse of RecordToJson. "address", "type" and "status" are required; the others default
// as in ResourceRecord. kInvalidArgument naming the field for a missing required field, a value
// of the wrong type, an unknown field (dropping it would lose data a newer vueops wrote) and a
// record ValidateRecord refuses.
Result<ResourceRecord> RecordFromJson(const Json& json);

}  // namespace vueops::state

#endif  // VUEOPS_STATE_RECORD_H_
