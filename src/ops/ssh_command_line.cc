#include "ops/ssh_command_line.h"

#include "ops/credentials_environment.h"

namespace vueops::ops {
namespace {

// A word of a ProxyCommand: quoted for the shell, then with % doubled for ssh's own
// expansion, which runs first.
std::string ProxyWord(std::string_view word) {
  std::string escaped;
  for (char c : word) {
    escaped += c;
    if (c == '%') escaped += '%';
  }
  return ShellQuote(escaped);
}

bool NeedsQuoting(std::string_view word) {
  if (word.empty()) return true;
  for (char c : word) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || c == '.' || c == '/' || c == '@' || c == ':' || c == '=' ||
                 c == '+' || c == ',';
    if (!plain) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> SshArgv(const SshTarget& target) {
  std::vector<std::string> argv = {target.program,       "-i", target.server.key_path, "-o",
                                   "IdentitiesOnly=yes", "-o", "ForwardAgent=no"};
  if (!target.host_key_alias.empty()) {
    argv.insert(argv.end(), {"-o", "HostKeyAlias=" + target.host_key_alias});
  }
  if (target.entry.has_value()) {
    const SshHop& entry = *target.entry;
    argv.insert(argv.end(), {"-o", "ProxyCommand=" + ProxyWord(target.program) + " -i " +
                                       ProxyWord(entry.key_path) +
                                       " -o IdentitiesOnly=yes -o ForwardAgent=no -W %h:%p " +
                                       ProxyWord(entry.user + "@" + entry.host)});
  }
  argv.push_back(target.server.user + "@" + target.server.host);
  argv.insert(argv.end(), target.extra_args.begin(), target.extra_args.end());
  return argv;
}

std::string CommandLineText(const std::vector<std::string>& argv) {
  std::string text;
  for (const std::string& word : argv) {
    if (!text.empty()) text += ' ';
    text += NeedsQuoting(word) ? ShellQuote(word) : word;
  }
  return text;
}

}  // namespace vueops::ops
