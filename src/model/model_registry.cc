#include "model/model_registry.h"

#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "base/did_you_mean.h"
#include "model/embedded_model.h"

namespace vueops::model {
namespace {

// zlib's windowBits for "expect a gzip header" (zlib.h, inflateInit2: 16 + 15).
constexpr int kGzipWindowBits = 16 + MAX_WBITS;

Result<std::string> Inflate(const EmbeddedModel& embedded) {
  std::string out(embedded.json_size, '\0');
  z_stream stream{};
  if (inflateInit2(&stream, kGzipWindowBits) != Z_OK) {
    return InternalError("zlib inflateInit2 failed");
  }
  stream.next_in = const_cast<Bytef*>(embedded.begin);
  stream.avail_in = static_cast<uInt>(embedded.end - embedded.begin);
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int result = inflate(&stream, Z_FINISH);
  size_t produced = stream.total_out;
  inflateEnd(&stream);
  if (result != Z_STREAM_END || produced != embedded.json_size) {
    return DataLossError(std::string("embedded model of ") + embedded.name +
                         " is corrupt (zlib: " + std::to_string(result) + ")");
  }
  return out;
}

// One lazily built model per embedded service.
struct Slot {
  std::once_flag once;
  std::atomic<bool> built{false};
  std::unique_ptr<ServiceModel> model;
  Status status;
};

struct Registry {
  std::span<const EmbeddedModel> embedded = EmbeddedModels();
  std::unique_ptr<Slot[]> slots{new Slot[embedded.size()]};
};

Registry& GetRegistry() {
  static Registry* const registry = new Registry();
  return *registry;
}

}  // namespace

std::vector<std::string_view> EmbeddedServiceNames() {
  std::vector<std::string_view> names;
  for (const EmbeddedModel& embedded : EmbeddedModels()) names.emplace_back(embedded.name);
  std::sort(names.begin(), names.end());
  return names;
}

bool ServiceModelLoaded(std::string_view service) {
  Registry& registry = GetRegistry();
  for (size_t i = 0; i < registry.embedded.size(); ++i) {
    if (service == registry.embedded[i].name) {
      return registry.slots[i].built.load(std::memory_order_acquire);
    }
  }
  return false;
}

std::string_view EmbeddedApiVersion(std::string_view service) {
  for (const EmbeddedModel& embedded : EmbeddedModels()) {
    if (service == embedded.name) return embedded.api_version;
  }
  return {};
}

Result<const ServiceModel*> LoadServiceModel(std::string_view service) {
  Registry& registry = GetRegistry();
  for (size_t i = 0; i < registry.embedded.size(); ++i) {
    const EmbeddedModel& embedded = registry.embedded[i];
    if (service != embedded.name) continue;
    Slot& slot = registry.slots[i];
    std::call_once(slot.once, [&] {
      Result<std::string> json = Inflate(embedded);
      if (!json.ok()) {
        slot.status = json.status();
        return;
      }
      Result<std::unique_ptr<ServiceModel>> model =
          ServiceModel::FromEmbeddedDocument(embedded.name, *json);
      if (model.ok()) {
        slot.model = std::move(model).value();
      } else {
        slot.status = model.status();
      }
      slot.built.store(true, std::memory_order_release);
    });
    if (!slot.status.ok()) return slot.status;
    return slot.model.get();
  }
  std::vector<std::string_view> names = EmbeddedServiceNames();
  std::string message = "no service '" + std::string(service) + "'";
  if (std::optional<std::string> match = ClosestMatch(service, names)) {
    message += "; did you mean '" + *match + "'?";
  }
  return NotFoundError(std::move(message));
}

}  // namespace vueops::model
