// Files a spec names (cloud-init user data, the CloudFront public key).
#include <sys/stat.h>

#include "base/file.h"
#include "spec/decode.h"

namespace vueops::spec {

// Files named by a spec are small: user data is at most 16 KB and a PEM key a few KB.
constexpr uint64_t kMaxReferencedFileBytes = 1u << 20;

bool ReadSpecFile(DecodeContext& context, const Node& at, const std::string& relative,
                  std::string* contents) {
  std::string path = JoinPath(context.spec_dir(), relative);
  // A FIFO, a terminal or /dev/stdin would block the loader until someone writes to it;
  // a spec only ever names ordinary files.
  struct stat info;
  if (::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
    context.Error("spec.file", at, "'" + relative + "' is not a regular file",
                  S_ISDIR(info.st_mode) ? "name a file inside the folder"
                                        : "name an ordinary file, relative to the spec's folder");
    return false;
  }
  Result<std::string> text = ReadFile(path, kMaxReferencedFileBytes);
  if (!text.ok()) {
    std::string hint = text.status().code() == StatusCode::kNotFound
                           ? "paths are relative to the spec's folder (" + context.spec_dir() + ")"
                           : "";
    context.Error("spec.file", at, "cannot read '" + relative + "': " + text.status().message(),
                  hint);
    return false;
  }
  *contents = std::move(*text);
  return true;
}

}  // namespace vueops::spec
