// The OpenSSH public key ("ssh-rsa AAAA...", "ssh-ed25519 AAAA...", the form of
// authorized_keys) of a PEM private key, as EC2's ImportKeyPair takes it: when the notes'
// .secrets/vueocity/<key>.pem exists but the key pair does not, vueops imports its public half.
#ifndef VUEOPS_RESOURCES_SSH_PUBLIC_KEY_H_
#define VUEOPS_RESOURCES_SSH_PUBLIC_KEY_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace vueops::resources {

// The public key of the RSA or Ed25519 private key in `pem` (PKCS#1 "RSA PRIVATE KEY" or
// PKCS#8 "PRIVATE KEY"), without a comment. kInvalidArgument for anything else, including an
// encrypted key (vueops never prompts for a passphrase).
Result<std::string> OpenSshPublicKey(std::string_view pem);

// "ssh-rsa AAAA..." without the comment an authorized_keys line may carry, for comparing keys.
std::string WithoutComment(std::string_view public_key);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_SSH_PUBLIC_KEY_H_
