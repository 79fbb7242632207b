#include "model/cli_name.h"

#include <array>
#include <cctype>
#include <utility>

namespace vueops::model {
namespace {

// Names botocore transforms by hand because its rules split them wrongly
// (botocore/__init__.py, _xform_cache), with the '-' separator.
constexpr std::array<std::pair<std::string_view, std::string_view>, 29> kExceptions = {{
    {"CreateCachediSCSIVolume", "create-cached-iscsi-volume"},
    {"DescribeCachediSCSIVolumes", "describe-cached-iscsi-volumes"},
    {"DescribeStorediSCSIVolumes", "describe-stored-iscsi-volumes"},
    {"CreateStorediSCSIVolume", "create-stored-iscsi-volume"},
    {"ListHITsForQualificationType", "list-hits-for-qualification-type"},
    {"ExecutePartiQLStatement", "execute-partiql-statement"},
    {"ExecutePartiQLTransaction", "execute-partiql-transaction"},
    {"ExecutePartiQLBatch", "execute-partiql-batch"},
    {"AssociateWhatsAppBusinessAccount", "associate-whatsapp-business-account"},
    {"CreateWhatsAppMessageTemplate", "create-whatsapp-message-template"},
    {"CreateWhatsAppMessageTemplateFromLibrary", "create-whatsapp-message-template-from-library"},
    {"CreateWhatsAppMessageTemplateMedia", "create-whatsapp-message-template-media"},
    {"DeleteWhatsAppMessageMedia", "delete-whatsapp-message-media"},
    {"DeleteWhatsAppMessageTemplate", "delete-whatsapp-message-template"},
    {"DisassociateWhatsAppBusinessAccount", "disassociate-whatsapp-business-account"},
    {"GetLinkedWhatsAppBusinessAccount", "get-linked-whatsapp-business-account"},
    {"GetLinkedWhatsAppBusinessAccountPhoneNumber",
     "get-linked-whatsapp-business-account-phone-number"},
    {"GetOTelEnrichment", "get-otel-enrichment"},
    {"GetWhatsAppMessageMedia", "get-whatsapp-message-media"},
    {"GetWhatsAppMessageTemplate", "get-whatsapp-message-template"},
    {"ListLinkedWhatsAppBusinessAccounts", "list-linked-whatsapp-business-accounts"},
    {"ListWhatsAppMessageTemplates", "list-whatsapp-message-templates"},
    {"ListWhatsAppTemplateLibrary", "list-whatsapp-template-library"},
    {"PostWhatsAppMessageMedia", "post-whatsapp-message-media"},
    {"PutWhatsAppBusinessAccountEventDestinations",
     "put-whatsapp-business-account-event-destinations"},
    {"SendWhatsAppMessage", "send-whatsapp-message"},
    {"StartOTelEnrichment", "start-otel-enrichment"},
    {"StopOTelEnrichment", "stop-otel-enrichment"},
    {"UpdateWhatsAppMessageTemplate", "update-whatsapp-message-template"},
}};

constexpr char kSeparator = '-';

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A trailing plural acronym ("ACLs", "CNAMEs") becomes one lower-case word after a
// separator, as the regex [A-Z]{2,}s$ does in botocore.
std::string SplitPluralAcronym(std::string_view name) {
  if (name.size() < 3 || name.back() != 's') return std::string(name);
  size_t start = name.size() - 1;
  while (start > 0 && IsUpper(name[start - 1])) --start;
  if (name.size() - 1 - start < 2) return std::string(name);
  std::string result(name.substr(0, start));
  result += kSeparator;
  for (char c : name.substr(start)) result += static_cast<char>(std::tolower(c));
  return result;
}

// re.sub('(.)([A-Z][a-z]+)', r'\1-\2', text): a separator before each capitalized word.
std::string SeparateCapitalizedWords(const std::string& text) {
  std::string result;
  size_t i = 0;
  while (i < text.size()) {
    if (i + 2 < text.size() && IsUpper(text[i + 1]) && IsLower(text[i + 2])) {
      size_t end = i + 3;
      while (end < text.size() && IsLower(text[end])) ++end;
      result += text[i];
      result += kSeparator;
      result.append(text, i + 1, end - i - 1);
      i = end;
    } else {
      result += text[i++];
    }
  }
  return result;
}

// re.sub('([a-z0-9])([A-Z])', r'\1-\2', text).lower()
std::string SeparateCapitalsAndLower(const std::string& text) {
  std::string result;
  size_t i = 0;
  while (i < text.size()) {
    if (i + 1 < text.size() && (IsLower(text[i]) || IsDigit(text[i])) && IsUpper(text[i + 1])) {
      result += text[i];
      result += kSeparator;
      result += static_cast<char>(std::tolower(text[i + 1]));
      i += 2;
    } else {
      result += static_cast<char>(std::tolower(text[i++]));
    }
  }
  return result;
}

}  // namespace

std::string CliName(std::string_view api_name) {
  if (api_name.find(kSeparator) != std::string_view::npos) return std::string(api_name);
  for (const auto& [name, cli_name] : kExceptions) {
    if (name == api_name) return std::string(cli_name);
  }
  return SeparateCapitalsAndLower(SeparateCapitalizedWords(SplitPluralAcronym(api_name)));
}

}  // namespace vueops::model
