// The database password's way to the mysql client: a temporary option file of mode 0600 named
// by --defaults-extra-file, removed afterwards. Never a command-line argument (every user sees
// /proc/PID/cmdline) nor MYSQL_PWD (/proc/PID/environ, and MySQL 8 deprecates it).
#ifndef VUEOPS_OPS_MYSQL_OPTION_FILE_H_
#define VUEOPS_OPS_MYSQL_OPTION_FILE_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace vueops::ops {

// An option file holding [client] user and password. Created with mode 0600 (mkstemp) in
// `directory`, removed when the object is destroyed.
class MysqlOptionFile {
 public:
  // REQUIRES: `directory` exists and is writable.
  static Result<MysqlOptionFile> Create(const std::string& directory, std::string_view user,
                                        std::string_view password);
  MysqlOptionFile(MysqlOptionFile&& other) noexcept;
  MysqlOptionFile& operator=(MysqlOptionFile&&) = delete;
  MysqlOptionFile(const MysqlOptionFile&) = delete;
  ~MysqlOptionFile();

  const std::string& path() const { return path_; }
  // "--defaults-extra-file=PATH": it must be mysql's first argument.
  std::string Argument() const { return "--defaults-extra-file=" + path_; }

 private:
  explicit MysqlOptionFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// `value` as an option-file value: in double quotes, with \ and " escaped and newlines written
// as \n (MySQL Reference Manual, "Using Option Files": escape sequences in option values).
std::string QuoteOptionValue(std::string_view value);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_MYSQL_OPTION_FILE_H_
