#include "lint/domain_names.h"

#include <algorithm>
#include <cctype>

namespace vueops::lint {
namespace {

std::string Normalize(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

}  // namespace

bool NameCovers(std::string_view pattern, std::string_view name) {
  std::string wanted = Normalize(pattern);
  std::string given = Normalize(name);
  if (wanted.empty() || given.empty()) return false;
  if (wanted == given) return true;
  if (wanted.rfind("*.", 0) != 0) return false;
  // "*.example.com" covers LABEL + ".example.com" for one non-empty label without a dot.
  std::string_view suffix = std::string_view(wanted).substr(1);
  if (given.size() <= suffix.size() ||
      given.compare(given.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return false;
  }
  std::string_view label = std::string_view(given).substr(0, given.size() - suffix.size());
  return label.find('.') == std::string_view::npos && label.find('*') == std::string_view::npos;
}

bool CertificateCovers(const spec::Certificate& certificate, std::string_view name) {
  if (NameCovers(certificate.domain, name)) return true;
  return std::any_of(certificate.alternative_names.begin(), certificate.alternative_names.end(),
                     [&](const std::string& alternative) { return NameCovers(alternative, name); });
}

std::string RecordName(const spec::Zone& zone, const spec::Record& record) {
  if (record.name.empty() || record.name == "@") return zone.domain;
  return record.name + "." + zone.domain;
}

}  // namespace vueops::lint
