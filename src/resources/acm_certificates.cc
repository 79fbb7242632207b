#include "resources/acm_certificates.h"

#include <map>
#include <tuple>

#include "resources/paged_list.h"

namespace vueops::resources {

Result<std::optional<Json>> DescribeCertificate(ResourceContext& context, const std::string& arn) {
  Result<Json> output = context.CallOrNotFound("acm", "DescribeCertificate",
                                               {{"CertificateArn", arn}},
                                               {"ResourceNotFoundException"});
  if (!output.ok()) {
    if (output.status().code() == StatusCode::kNotFound) return std::optional<Json>();
    return output.status();
  }
  if (!(*output).contains("Certificate")) return std::optional<Json>();
  return std::optional<Json>((*output)["Certificate"]);
}

Result<Json> ListCertificateSummaries(ResourceContext& context, const Json& statuses) {
  Json input = Json::object();
  if (statuses.is_array() && !statuses.empty()) input["CertificateStatuses"] = statuses;
  return ListAllPages(context, "acm", "ListCertificates", input, "CertificateSummaryList",
                      kNextTokenPages);
}

std::optional<Json> ValidationRecords(const Json& certificate) {
  std::map<std::tuple<std::string, std::string, std::string>, bool> records;
  const Json options = certificate.value("DomainValidationOptions", Json::array());
  if (options.empty()) return std::nullopt;
  for (const Json& option : options) {
    const Json record = option.value("ResourceRecord", Json::object());
    if (!record.contains("Name")) return std::nullopt;
    records[{record.value("Name", ""), record.value("Type", ""), record.value("Value", "")}] = true;
  }
  Json list = Json::array();
  for (const auto& [record, unused] : records) {
    list.push_back({{"name", std::get<0>(record)},
                    {"type", std::get<1>(record)},
                    {"value", std::get<2>(record)}});
  }
  return list;
}

}  // namespace vueops::resources
