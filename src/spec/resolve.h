// After decoding: derive what the spec leaves to vueops (security groups, subnets, groups,
// bucket names, max_connections, regions) and check every reference between elements.
#ifndef VUEOPS_SPEC_RESOLVE_H_
#define VUEOPS_SPEC_RESOLVE_H_

#include <string>
#include <vector>

#include "spec/reader.h"
#include "spec/stack.h"

namespace vueops::spec {

void Resolve(DecodeContext& context, Stack& stack);
void ResolveOrganization(DecodeContext& context, Stack& stack);
void ResolveEnvironment(DecodeContext& context, const Stack& stack, Environment& env);

// The per-section steps of ResolveEnvironment, in the order it runs them.
void ResolveNetwork(DecodeContext& context, Environment& env);
void ResolveSecurityGroups(DecodeContext& context, Environment& env);
void ResolveServers(DecodeContext& context, Environment& env);
void ResolveDataStores(DecodeContext& context, const Stack& stack, Environment& env);
void ResolveBucketsAndSecrets(DecodeContext& context, const Stack& stack, Environment& env);
void ResolveEdge(DecodeContext& context, const Stack& stack, Environment& env);

// Reports "spec.reference" unless `name` is one of `candidates`: "<owner> names <kind>
// '<name>', which does not exist", with a did-you-mean or the list of what does exist.
bool CheckReference(DecodeContext& context, Location at, std::string_view owner,
                    std::string_view kind, const std::string& name,
                    const std::vector<std::string>& candidates);

// Database connections the fleet can open at its largest: for each profile, its maximum
// instance count times its uWSGI processes, plus one server's worth per dev server.
int FleetConnectionDemand(const Servers& servers);
// What max_connections "auto" sets: the demand plus 20% headroom plus 10 connections for
// operators, migrations and monitoring.
int AutoMaxConnections(int demand);

// Default S3 name of a bucket: <stack>-<env>-<key>, underscores turned into hyphens.
std::string DefaultBucketName(const std::string& stack, const std::string& env,
                              const std::string& key);
// Why `name` is not a valid S3 bucket name ("" when it is); `accelerated` forbids dots.
std::string BucketNameProblem(const std::string& name, bool accelerated);

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_RESOLVE_H_
