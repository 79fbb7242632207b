#include "base/source.h"

#include <deque>
#include <memory>
#include <mutex>

namespace vueops {
namespace {

struct Registry {
  std::mutex mutex;
  // A deque keeps references stable as it grows; index 0 is the empty "no source" file.
  std::deque<SourceFile> files;
  Registry() { files.emplace_back("", ""); }
};

Registry& GlobalRegistry() {
  static Registry* registry = new Registry();  // never destroyed: used until exit
  return *registry;
}

}  // namespace

SourceFile::SourceFile(std::string path, std::string contents)
    : path_(std::move(path)), contents_(std::move(contents)) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < contents_.size(); ++i) {
    if (contents_[i] == '\n' && i + 1 < contents_.size()) line_starts_.push_back(i + 1);
  }
}

std::string_view SourceFile::Line(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  size_t start = line_starts_[line - 1];
  size_t end = contents_.find('\n', start);
  if (end == std::string::npos) end = contents_.size();
  if (end > start && contents_[end - 1] == '\r') --end;
  return std::string_view(contents_).substr(start, end - start);
}

SourceId RegisterSource(std::string path, std::string contents) {
  Registry& registry = GlobalRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  registry.files.emplace_back(std::move(path), std::move(contents));
  return static_cast<SourceId>(registry.files.size() - 1);
}

SourceId NextSourceId() {
  Registry& registry = GlobalRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  return static_cast<SourceId>(registry.files.size());
}

void ReleaseSourcesFrom(SourceId first) {
  Registry& registry = GlobalRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  if (first >= 1 && first < registry.files.size()) registry.files.resize(first, SourceFile("", ""));
}

const SourceFile& GetSource(SourceId id) {
  Registry& registry = GlobalRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  if (id >= registry.files.size()) return registry.files[0];
  return registry.files[id];
}

std::string FormatLocation(const Location& location) {
  if (!location.has_file()) return "";
  std::string text = GetSource(location.file).path();
  if (location.has_position()) {
    text += ':' + std::to_string(location.line);
    if (location.column != 0) text += ':' + std::to_string(location.column);
  }
  return text;
}

}  // namespace vueops
