// Small, careful file helpers: bounded reads, atomic writes, permission checks.
#ifndef VUEOPS_BASE_FILE_H_
#define VUEOPS_BASE_FILE_H_

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "base/status.h"

namespace vueops {

// Reads a whole file. Fails with kResourceExhausted (naming the size and the limit) when it
// is larger than `max_bytes`, and with kNotFound when it does not exist.
Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes = UINT64_MAX);

// Writes through a temporary file in the same directory and renames it into place, so a
// crash never leaves a half-written file. The file gets `mode` (before the umask is not
// consulted: the mode given is the mode set).
Status WriteFileAtomic(const std::string& path, const std::string& contents,
                       mode_t mode = 0644);

// Creates a directory and its parents with `mode` for the ones it creates.
Status MakeDirectories(const std::string& path, mode_t mode = 0755);

bool FileExists(const std::string& path);

// Fails unless the file exists and no one but its owner may read or write it (mode 0600 or
// 0400). The message names the file, its mode and the chmod that fixes it.
Status CheckPrivateFileMode(const std::string& path);

// The directory part of a path ("a/b" for "a/b/c"; "." for "c").
std::string DirectoryOf(const std::string& path);
// Joins two path parts with one '/'; an absolute `relative` is returned unchanged.
std::string JoinPath(const std::string& base, const std::string& relative);

}  // namespace vueops

#endif  // VUEOPS_BASE_FILE_H_
