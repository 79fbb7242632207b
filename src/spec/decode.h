// The decoders from spec::Node to the typed spec, one per section of the notes. Internal to
// the spec module: LoadStack (loader.h) is the public entry point.
#ifndef VUEOPS_SPEC_DECODE_H_
#define VUEOPS_SPEC_DECODE_H_

#include "spec/reader.h"
#include "spec/stack.h"

namespace vueops::spec {

void DecodeOrganization(DecodeContext& context, const Node* node, Organization* out);
void DecodeAccess(DecodeContext& context, const Node* node, Access* out);
// An IAM policy document written as YAML (Version, Statement with Effect, Action, ...).
bool DecodePolicyDocument(DecodeContext& context, const Node& node, std::string_view what,
                          PolicyDocument* out);

// Decodes one environment's merged mapping (template and overrides already applied; the
// keys "template" and "account" included).
void DecodeEnvironment(DecodeContext& context, const Node& node, const std::string& name,
                       Environment* out);
void DecodeNetwork(DecodeContext& context, const Node* node, Network* out);
void DecodeSecurityGroups(DecodeContext& context, MapReader& environment,
                          std::vector<SecurityGroup>* out);
void DecodeServers(DecodeContext& context, const Node& node, Servers* out);
void DecodeDatabase(DecodeContext& context, const Node& node, Database* out);
void DecodeCache(DecodeContext& context, const Node& node, Cache* out);
void DecodeCertificates(DecodeContext& context, MapReader& environment,
                        std::vector<Certificate>* out);
void DecodeLoadBalancer(DecodeContext& context, const Node& node, LoadBalancer* out);
void DecodeCdn(DecodeContext& context, const Node& node, Cdn* out);
void DecodeDns(DecodeContext& context, const Node& node, Dns* out);
void DecodeBuckets(DecodeContext& context, MapReader& environment, std::vector<Bucket>* out);
void DecodeSecrets(DecodeContext& context, MapReader& environment, std::vector<Secret>* out);
void DecodeMail(DecodeContext& context, const Node& node, Mail* out);

// Reads a file named in the spec (user data, a public key), relative to the spec's folder;
// reports "spec.file" at `at` when it cannot be read.
bool ReadSpecFile(DecodeContext& context, const Node& at, const std::string& relative,
                  std::string* contents);

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_DECODE_H_
