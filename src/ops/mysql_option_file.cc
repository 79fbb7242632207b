#include "ops/mysql_option_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace vueops::ops {

std::string QuoteOptionValue(std::string_view value) {
  std::string quoted = "\"";
  for (char c : value) {
    switch (c) {
      case '\\': quoted += "\\\\"; break;
      case '"': quoted += "\\\""; break;
      case '\n': quoted += "\\n"; break;
      case '\r': quoted += "\\r"; break;
      case '\t': quoted += "\\t"; break;
      default: quoted += c;
    }
  }
  return quoted + "\"";
}

Result<MysqlOptionFile> MysqlOptionFile::Create(const std::string& directory, std::string_view user,
                                                std::string_view password) {
  std::string pattern = directory + "/vueops-mysql-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  // mkstemp creates the file with mode 0600 whatever the umask; fchmod makes sure.
  int fd = ::mkstemp(name.data());
  if (fd < 0) {
    return InternalError("cannot create a temporary option file in " + directory + ": " +
                         std::strerror(errno));
  }
  MysqlOptionFile file(name.data());
  std::string text = "[client]\nuser=" + QuoteOptionValue(user) +
                     "\npassword=" + QuoteOptionValue(password) + "\n";
  bool ok = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0;
  size_t written = 0;
  while (ok && written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<size_t>(n);
  }
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    return InternalError("cannot write the temporary option file " + file.path() + ": " +
                         std::strerror(errno));
  }
  return file;
}

MysqlOptionFile::MysqlOptionFile(MysqlOptionFile&& other) noexcept : path_(std::move(other.path_)) {
  other.path_.clear();
}

MysqlOptionFile::~MysqlOptionFile() {
  if (!path_.empty()) ::unlink(path_.c_str());
}

}  // namespace vueops::ops
