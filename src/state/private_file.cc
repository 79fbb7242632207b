#include "state/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/file.h"

namespace vueops::state {
namespace {

Status ErrnoError(const std::string& what, int error, const std::string& fix) {
  std::string message = what + ": " + std::strerror(error) + (fix.empty() ? "" : "; " + fix);
  switch (error) {
    case EEXIST: return AlreadyExistsError(message);
    case ENOENT: return NotFoundError(message);
    case EACCES:
    case EPERM:
    case EROFS: return PermissionDeniedError(message);
    case ENOSPC:
    case EDQUOT: return ResourceExhaustedError(message);
    default: return UnavailableError(message);
  }
}

Status SyncDescriptor(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return ErrnoError("cannot open " + path + " to flush it", errno, "");
  int result = ::fsync(fd);
  int error = errno;
  ::close(fd);
  if (result != 0) return ErrnoError("cannot flush " + path + " to disk", error, "");
  return Status::Ok();
}

}  // namespace

Status CreatePrivateFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    int error = errno;
    return ErrnoError(
        "cannot create " + path, error,
        error == EEXIST ? "" : "make " + DirectoryOf(path) + " writable, or choose another path");
  }
  // open() applied the umask, which may have taken the owner's bits too.
  int result = ::fchmod(fd, 0600);
  int error = errno;
  ::close(fd);
  if (result != 0) return ErrnoError("cannot set the mode of " + path, error, "");
  return SyncDirectory(DirectoryOf(path));
}

Status SyncDirectory(const std::string& directory) {
  return SyncDescriptor(directory, O_RDONLY | O_DIRECTORY);
}

Status SyncFile(const std::string& path) { return SyncDescriptor(path, O_RDONLY); }

}  // namespace vueops::state
