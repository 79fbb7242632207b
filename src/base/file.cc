#include "base/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace vueops {
namespace {

Status ErrnoStatus(const std::string& what, int error) {
  std::string message = what + ": " + std::strerror(error);
  if (error == ENOENT) return NotFoundError(message);
  if (error == EACCES || error == EPERM) return PermissionDeniedError(message);
  return UnavailableError(message);
}

std::string FormatBytes(uint64_t bytes) {
  char buffer[32];
  if (bytes >= (1u << 20)) {
    std::snprintf(buffer, sizeof buffer, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  } else if (bytes >= 1024) {
    std::snprintf(buffer, sizeof buffer, "%.1f KB", static_cast<double>(bytes) / 1024);
  } else {
    std::snprintf(buffer, sizeof buffer, "%llu bytes", static_cast<unsigned long long>(bytes));
  }
  return buffer;
}

}  // namespace

Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open " + path, errno);
  struct stat info;
  if (::fstat(fd, &info) != 0) {
    int error = errno;
    ::close(fd);
    return ErrnoStatus("cannot stat " + path, error);
  }
  if (S_ISDIR(info.st_mode)) {
    ::close(fd);
    return InvalidArgumentError(path + " is a directory, not a file");
  }
  if (static_cast<uint64_t>(info.st_size) > max_bytes) {
    ::close(fd);
    std::string size = FormatBytes(info.st_size);
    std::string limit = FormatBytes(max_bytes);
    // Just over the limit both round to the same text: give the exact counts then.
    if (size == limit) {
      size = std::to_string(info.st_size) + " bytes";
      limit = std::to_string(max_bytes) + " bytes";
    }
    return ResourceExhaustedError(path + " is " + size + "; the limit is " + limit);
  }
  std::string contents;
  contents.reserve(static_cast<size_t>(info.st_size));
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      ::close(fd);
      return ErrnoStatus("cannot read " + path, error);
    }
    if (n == 0) break;
    contents.append(buffer, static_cast<size_t>(n));
    // A pipe or special file has no size up front: enforce the limit as it streams.
    if (contents.size() > max_bytes) {
      ::close(fd);
      return ResourceExhaustedError(path + " is larger than the limit of " +
                                    FormatBytes(max_bytes));
    }
  }
  ::close(fd);
  return contents;
}

Status WriteFileAtomic(const std::string& path, const std::string& contents, mode_t mode) {
  std::string temporary = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return ErrnoStatus("cannot create " + temporary, errno);
  // open() applies the umask; set the mode asked for exactly.
  ::fchmod(fd, mode);
  size_t written = 0;
  while (written < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      return ErrnoStatus("cannot write " + temporary, error);
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int error = errno;
    ::unlink(temporary.c_str());
    return ErrnoStatus("cannot flush " + temporary, error);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    int error = errno;
    ::unlink(temporary.c_str());
    return ErrnoStatus("cannot rename " + temporary + " to " + path, error);
  }
  return Status::Ok();
}

Status MakeDirectories(const std::string& path, mode_t mode) {
  if (path.empty()) return Status::Ok();
  std::string partial;
  size_t position = 0;
  while (position != std::string::npos) {
    position = path.find('/', position + 1);
    partial = path.substr(0, position);
    if (partial.empty()) continue;
    if (::mkdir(partial.c_str(), mode) != 0 && errno != EEXIST) {
      return ErrnoStatus("cannot create directory " + partial, errno);
    }
  }
  return Status::Ok();
}

bool FileExists(const std::string& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0;
}

Status CheckPrivateFileMode(const std::string& path) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) return ErrnoStatus("cannot stat " + path, errno);
  mode_t permissions = info.st_mode & 0777;
  if ((permissions & 0077) != 0) {
    char octal[8];
    std::snprintf(octal, sizeof octal, "%04o", static_cast<unsigned>(permissions));
    return PermissionDeniedError(path + " has mode " + octal +
                                 ", readable by others; run: chmod 600 " + path);
  }
  return Status::Ok();
}

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string JoinPath(const std::string& base, const std::string& relative) {
  if (relative.empty()) return base;
  if (relative[0] == '/' || base.empty() || base == ".") return relative;
  if (base.back() == '/') return base + relative;
  return base + "/" + relative;
}

}  // namespace vueops
