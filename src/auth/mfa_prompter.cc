#include "auth/mfa_prompter.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

namespace vueops::auth {
namespace {

constexpr size_t kMfaCodeLength = 6;

bool WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

Status CheckMfaCode(std::string_view code) {
  if (code.size() != kMfaCodeLength ||
      code.find_first_not_of("0123456789") != std::string_view::npos) {
    return InvalidArgumentError("an MFA code is " + std::to_string(kMfaCodeLength) +
                                " digits; the code entered is not");
  }
  return Status::Ok();
}

Result<std::string> TerminalMfaPrompter::PromptForCode(std::string_view profile,
                                                       std::string_view mfa_serial) {
  // Parallel work across accounts may need two codes at once: ask one question at a time.
  static std::mutex terminal_mutex;
  std::lock_guard<std::mutex> lock(terminal_mutex);
  int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    return FailedPreconditionError("profile " + std::string(profile) +
                                   " needs a code from MFA "
                                   "device " +
                                   std::string(mfa_serial) +
                                   ", but there is no terminal to ask on (" + std::strerror(errno) +
                                   ")");
  }
  std::string prompt =
      "Enter MFA code for " + std::string(mfa_serial) + " (profile " + std::string(profile) + "): ";
  struct termios saved;
  bool echo_off = ::tcgetattr(fd, &saved) == 0;
  if (echo_off) {
    struct termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    echo_off = ::tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
  }
  std::string code;
  bool ok = WriteAll(fd, prompt);
  while (ok) {
    char c;
    ssize_t n = ::read(fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || c == '\n') break;
    if (c != '\r' && code.size() < 64) code += c;
  }
  if (echo_off) ::tcsetattr(fd, TCSAFLUSH, &saved);
  ::close(fd);
  while (!code.empty() && code.back() == ' ') code.pop_back();
  while (!code.empty() && code.front() == ' ') code.erase(code.begin());
  RETURN_IF_ERROR(CheckMfaCode(code).WithContext("profile " + std::string(profile)));
  return code;
}

}  // namespace vueops::auth
