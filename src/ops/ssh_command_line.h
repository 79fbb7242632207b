// The `ssh` command line that reaches a server (notes: "EC2 key pairs control SSH access to
// individual servers"; the vueops account is the "SSH entry"): the server's key pair, its
// login, and, through the entry host, a ProxyCommand with the entry host's own key. Agent
// forwarding stays off unless the operator asks for it (-A among the extra arguments).
#ifndef VUEOPS_OPS_SSH_COMMAND_LINE_H_
#define VUEOPS_OPS_SSH_COMMAND_LINE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vueops::ops {

struct SshHop {
  std::string user;
  std::string host;      // an IP address or a DNS name
  std::string key_path;  // the private key (.pem)
};

struct SshTarget {
  SshHop server;
  // Kept in known_hosts under this name (the instance id) instead of the IP, which an
  // autoscaling group hands to the next instance: a replaced server is a new host, and a
  // reused address never looks like a changed key.
  std::string host_key_alias;
  std::optional<SshHop> entry;          // the SSH entry host, when the spec names one
  std::vector<std::string> extra_args;  // after the destination: options or a command
  std::string program = "ssh";
};

// argv for execvp, argv[0] the program:
//   ssh -i KEY -o IdentitiesOnly=yes -o ForwardAgent=no [-o HostKeyAlias=ALIAS]
//       [-o ProxyCommand=ssh -i 'ENTRY_KEY' -o IdentitiesOnly=yes -o ForwardAgent=no
//        -W %h:%p 'ENTRY_USER@ENTRY_HOST'] USER@HOST EXTRA...
// ssh runs a ProxyCommand through the user's shell after expanding %-tokens, so its words
// are shell-quoted and a literal % is written %%.
std::vector<std::string> SshArgv(const SshTarget& target);

// The argv as one line a shell would read back (for --dry-run and messages).
std::string CommandLineText(const std::vector<std::string>& argv);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_SSH_COMMAND_LINE_H_
