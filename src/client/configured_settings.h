// What the client reads from the shared config file's selected profile: endpoint and retry
// settings, without the environment. The precedence between these and the environment
// variables has one home each: ResolveEndpoint (endpoints.h) and ResolveRetryConfig
// (retry.h), which read the variables themselves.
#ifndef VUEOPS_CLIENT_CONFIGURED_SETTINGS_H_
#define VUEOPS_CLIENT_CONFIGURED_SETTINGS_H_

#include <string_view>

#include "auth/aws_config.h"
#include "base/status.h"
#include "client/endpoints.h"
#include "client/retry.h"

namespace vueops::client {

// The profile's endpoint_url, the endpoint_url under `service_id`'s key in the profile's
// services section, and its ignore_configured_endpoint_urls. Fails with kInvalidArgument,
// naming the profile, when that switch is neither true nor false: guessing either way could
// send requests to the wrong place.
Result<ConfiguredEndpoints> ConfiguredEndpointsFor(const auth::AwsConfig& config,
                                                   std::string_view service_id);

// The profile's retry_mode and max_attempts as written (ResolveRetryConfig checks them).
ConfiguredRetrySettings ConfiguredRetrySettingsFor(const auth::AwsConfig& config);

}  // namespace vueops::client

#endif  // VUEOPS_CLIENT_CONFIGURED_SETTINGS_H_
