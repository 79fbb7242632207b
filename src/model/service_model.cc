#include "model/service_model.h"

#include <algorithm>

#include "base/did_you_mean.h"
#include "model/cli_name.h"

namespace vueops::model {
namespace {

bool LooksLikeCliName(std::string_view name) {
  return std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

std::string_view ProtocolName(Protocol protocol) {
  switch (protocol) {
    case Protocol::kQuery: return "query";
    case Protocol::kEc2: return "ec2";
    case Protocol::kJson: return "json";
    case Protocol::kRestJson: return "rest-json";
    case Protocol::kRestXml: return "rest-xml";
  }
  return "unknown";
}

bool Operation::has_streaming_input() const {
  if (!input) return false;
  const Member* payload = input.shape->payload;
  return payload != nullptr && payload->traits.streaming;
}

bool Operation::has_event_stream_output() const {
  if (!output) return false;
  for (const Member& member : output.shape->members) {
    if (member.traits.event_stream) return true;
  }
  return false;
}

ServiceModel::~ServiceModel() = default;

const Operation* ServiceModel::FindOperation(std::string_view name) const {
  auto it = operations_by_name_.find(name);
  return it == operations_by_name_.end() ? nullptr : it->second;
}

Result<const Operation*> ServiceModel::GetOperation(std::string_view name) const {
  if (const Operation* op = FindOperation(name)) return op;
  std::vector<std::string_view> candidates;
  bool cli = LooksLikeCliName(name);
  for (const Operation& op : operations_) {
    candidates.push_back(cli ? std::string_view(op.cli_name) : std::string_view(op.name));
  }
  std::string message = name_ + " has no operation '" + std::string(name) + "'";
  if (std::optional<std::string> match = ClosestMatch(name, candidates)) {
    message += "; did you mean '" + *match + "'?";
  }
  return NotFoundError(std::move(message));
}

const Shape* ServiceModel::FindShape(std::string_view name) const {
  auto it = shapes_by_name_.find(name);
  return it == shapes_by_name_.end() ? nullptr : it->second;
}

const Shape* ServiceModel::FindErrorShape(std::string_view code) const {
  auto it = errors_by_code_.find(code);
  return it == errors_by_code_.end() ? nullptr : it->second;
}

const PaginatorConfig* ServiceModel::FindPaginator(std::string_view operation_name) const {
  auto it = paginators_by_operation_.find(operation_name);
  return it == paginators_by_operation_.end() ? nullptr : it->second;
}

const WaiterConfig* ServiceModel::FindWaiter(std::string_view name) const {
  for (const WaiterConfig& waiter : waiters_) {
    if (waiter.name == name || CliName(waiter.name) == name) return &waiter;
  }
  return nullptr;
}

Result<const WaiterConfig*> ServiceModel::GetWaiter(std::string_view name) const {
  if (const WaiterConfig* waiter = FindWaiter(name)) return waiter;
  std::vector<std::string> candidates;
  bool cli = LooksLikeCliName(name);
  for (const WaiterConfig& waiter : waiters_) {
    candidates.push_back(cli ? CliName(waiter.name) : waiter.name);
  }
  std::string message = name_ + " has no waiter '" + std::string(name) + "'";
  if (std::optional<std::string> match = ClosestMatch(name, candidates)) {
    message += "; did you mean '" + *match + "'?";
  }
  return NotFoundError(std::move(message));
}

}  // namespace vueops::model
