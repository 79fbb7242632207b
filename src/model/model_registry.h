// The embedded service models, loaded lazily: a service's model is inflated and parsed the
// first time it is asked for and cached for the life of the process, so a command that
// talks to STS never pays for EC2's model.
#ifndef VUEOPS_MODEL_MODEL_REGISTRY_H_
#define VUEOPS_MODEL_MODEL_REGISTRY_H_

#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/service_model.h"

namespace vueops::model {

// The botocore names of the embedded services, sorted ("acm", "autoscaling", ...).
std::vector<std::string_view> EmbeddedServiceNames();

// The model of `service` (botocore's name). Safe to call from many threads at once: each
// model is built exactly once. The pointer stays valid until the process exits. Unknown
// names are kNotFound with a "did you mean" ("no service 'ec3'; did you mean 'ec2'?").
Result<const ServiceModel*> LoadServiceModel(std::string_view service);

// Whether `service`'s model has been built already (for tests and diagnostics).
bool ServiceModelLoaded(std::string_view service);

// The API version embedded for `service` without loading its model, or "" if unknown.
std::string_view EmbeddedApiVersion(std::string_view service);

}  // namespace vueops::model

#endif  // VUEOPS_MODEL_MODEL_REGISTRY_H_
