#include "fake_resources.h"

namespace vueops::test_support {

std::string FakeCloud::Add(const std::string& type, const std::string& address,
                           const Json& attributes) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string id = "fake-" + std::to_string(next_id_++);
  objects_[id] = FakeObject{type, address, attributes};
  ++creates_;
  return id;
}

std::optional<FakeObject> FakeCloud::Get(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = objects_.find(id);
  if (it == objects_.end()) return std::nullopt;
  return it->second;
}

bool FakeCloud::Remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return objects_.erase(id) > 0;
}

void FakeCloud::Modify(const std::string& id, const std::string& attribute, const Json& value) {
  std::lock_guard<std::mutex> lock(mutex_);
  objects_.at(id).attributes[attribute] = value;
}

std::map<std::string, FakeObject> FakeCloud::objects() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return objects_;
}

void FakeCloud::FailCreate(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  fail_create_.insert(address);
}

void FakeCloud::AllowCreate(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  fail_create_.erase(address);
}

bool FakeCloud::ShouldFail(const std::string& address) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return fail_create_.count(address) > 0;
}

void FakeCloud::NeverReady(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  never_ready_.insert(address);
}

bool FakeCloud::IsNeverReady(const std::string& address) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return never_ready_.count(address) > 0;
}

int FakeCloud::creates() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return creates_;
}

namespace {

constexpr resources::Attribute kAttributes[] = {
    {"name", resources::UpdateMode::kReplace},
    {"size", resources::UpdateMode::kInPlace},
    {"parent", resources::UpdateMode::kReplace},
    {"secret", resources::UpdateMode::kInPlace, /*sensitive=*/true},
    {"seed", resources::UpdateMode::kCreateOnly},
};

Json Outputs(const std::string& id) { return {{"id", id}, {"arn", "arn:fake:" + id}}; }

}  // namespace

std::span<const resources::Attribute> FakeResourceType::attributes() const { return kAttributes; }

Result<Json> FakeResourceType::Read(resources::ResourceContext&,
                                    const state::ResourceRecord& record) const {
  std::optional<FakeObject> object = cloud_->Get(record.id);
  if (!object) return NotFoundError(record.id + " is gone");
  return object->attributes;
}

Result<resources::Created> FakeResourceType::Create(resources::ResourceContext& context,
                                                    const Json& desired,
                                                    const std::string&) const {
  if (cloud_->ShouldFail(context.address())) {
    return UnavailableError(context.address() + ": the fake cloud refused the create");
  }
  std::string id = cloud_->Add(name_, context.address(), desired);
  return resources::Created{id, Outputs(id), Json::object()};
}

Status FakeResourceType::Update(resources::ResourceContext&, const state::ResourceRecord& record,
                                const Json& desired, const std::vector<std::string>& changed) const {
  for (const std::string& attribute : changed) {
    cloud_->Modify(record.id, attribute, desired.value(attribute, Json()));
  }
  return Status::Ok();
}

Status FakeResourceType::Delete(resources::ResourceContext&,
                                const state::ResourceRecord& record) const {
  cloud_->Remove(record.id);
  return Status::Ok();
}

Status FakeResourceType::WaitReady(resources::ResourceContext& context,
                                   const state::ResourceRecord&) const {
  if (cloud_->IsNeverReady(context.address())) {
    return context.Poll("the fake object", std::chrono::seconds(60),
                        []() -> Result<bool> { return false; });
  }
  return Status::Ok();
}

Result<std::optional<resources::Found>> FakeResourceType::Find(resources::ResourceContext& context,
                                                               const Json&,
                                                               const std::string&) const {
  for (const auto& [id, object] : cloud_->objects()) {
    if (object.type == name_ && object.address == context.address()) {
      return std::optional<resources::Found>(resources::Found{id, Outputs(id), object.attributes});
    }
  }
  return std::optional<resources::Found>();
}

Status FakeResourceType::CheckUpdate(const std::string& address, const Json& before,
                                     const Json& after) const {
  if (before.contains("size") && after.contains("size") && after["size"].is_number() &&
      before["size"].is_number() && after["size"] < before["size"] && stateful_) {
    return FailedPreconditionError(address + ": size never shrinks");
  }
  return Status::Ok();
}

FakeAccountAccess::FakeAccountAccess()
    : random_(std::make_unique<client::FakeRandomSource>(std::vector<double>{0.5})) {
  context_ = std::make_shared<client::ClientContext>(&transport_, &clock_, random_.get(), nullptr,
                                                     nullptr);
  client::ClientConfig config;
  config.region = "us-west-2";
  client_ = std::make_unique<client::AwsClient>(context_, nullptr, config);
}

Result<client::AwsClient*> FakeAccountAccess::ClientFor(const std::string&, const std::string&) {
  return client_.get();
}

}  // namespace vueops::test_support
