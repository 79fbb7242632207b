// Reading ACM certificates, shared by the certificate and certificate_validation types.
#ifndef VUEOPS_RESOURCES_ACM_CERTIFICATES_H_
#define VUEOPS_RESOURCES_ACM_CERTIFICATES_H_

#include <optional>
#include <string>

#include "base/json.h"
#include "resources/resource_context.h"

namespace vueops::resources {

// DescribeCertificate's Certificate for `arn`, or nullopt when ACM has no such certificate.
Result<std::optional<Json>> DescribeCertificate(ResourceContext& context, const std::string& arn);

// ListCertificates' summaries over every page; `statuses` (e.g. ["ISSUED"]) narrows them
// when not empty. ACM's default filter lists RSA_2048 certificates, which is what vueops
// requests; a certificate it leaves out is described one by one.
Result<Json> ListCertificateSummaries(ResourceContext& context, const Json& statuses);

// The DNS validation records of `certificate` (DescribeCertificate's), as
// [{"name", "type", "value"}] sorted by name and without repeats (a wildcard and its apex
// share one record), or nullopt while ACM has not yet given every domain its record.
std::optional<Json> ValidationRecords(const Json& certificate);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_ACM_CERTIFICATES_H_
