#include "client/configured_settings.h"

namespace vueops::client {

Result<ConfiguredEndpoints> ConfiguredEndpointsFor(const auth::AwsConfig& config,
                                                   std::string_view service_id) {
  ConfiguredEndpoints endpoints;
  endpoints.profile_endpoint_url = config.Get("endpoint_url");
  endpoints.service_endpoint_url =
      config.ServiceSetting(ServiceConfigKey(service_id), "endpoint_url");
  ASSIGN_OR_RETURN(endpoints.ignore_configured_endpoint_urls,
                   config.GetBoolean("ignore_configured_endpoint_urls"));
  return endpoints;
}

ConfiguredRetrySettings ConfiguredRetrySettingsFor(const auth::AwsConfig& config) {
  return ConfiguredRetrySettings{config.Get("retry_mode"), config.Get("max_attempts")};
}

}  // namespace vueops::client
