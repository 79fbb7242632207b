// Creating the state's files so that only their owner can read them (state holds account ids
// and ARNs), and so that a new file survives a crash.
#ifndef VUEOPS_STATE_PRIVATE_FILE_H_
#define VUEOPS_STATE_PRIVATE_FILE_H_

#include <string>

#include "base/status.h"

namespace vueops::state {

// Creates `path` empty with mode 0600 (whatever the umask) and makes its name durable by
// syncing the folder. kAlreadyExists when it exists; errors name the path and the fix.
Status CreatePrivateFile(const std::string& path);

// Flushes a folder's entries to disk, so a file created or renamed in it survives a crash.
Status SyncDirectory(const std::string& directory);

// Flushes a file's contents to disk.
Status SyncFile(const std::string& path);

}  // namespace vueops::state

#endif  // VUEOPS_STATE_PRIVATE_FILE_H_
