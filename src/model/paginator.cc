#include "model/paginator.h"

#include <algorithm>
#include <cctype>

#include "model/base64.h"
#include "model/service_model.h"

namespace vueops::model {
namespace {

// The key botocore's resume tokens use for how many items of the next page were already
// returned (paginate.py, PageIterator._truncate_response).
constexpr std::string_view kTruncateAmountKey = "boto_truncate_amount";

// Splits a dotted result key ("DistributionList.Items") into its identifiers; empty when the
// expression is anything more complex (then it cannot be written back, only read).
std::vector<std::string> DottedPath(const std::string& expression) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= expression.size()) {
    size_t dot = expression.find('.', start);
    std::string part = expression.substr(start, dot == std::string::npos ? dot : dot - start);
    if (part.empty()) return {};
    for (char c : part) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return {};
    }
    parts.push_back(std::move(part));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

// botocore's set_value_from_jmespath: writes `value` at a dotted path, creating objects.
void SetAtPath(Json& root, const std::string& expression, Json value) {
  std::vector<std::string> path = DottedPath(expression);
  if (path.empty()) return;
  Json* node = &root;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    if (!node->is_object()) *node = Json::object();
    node = &(*node)[path[i]];
  }
  if (!node->is_object()) *node = Json::object();
  (*node)[path.back()] = std::move(value);
}

// botocore's merge_dicts: objects merge recursively, anything else in `extra` wins.
void MergeInto(Json& target, const Json& extra) {
  for (auto it = extra.begin(); it != extra.end(); ++it) {
    auto existing = target.find(it.key());
    if (existing != target.end() && existing->is_object() && it.value().is_object()) {
      MergeInto(*existing, it.value());
    } else {
      target[it.key()] = it.value();
    }
  }
}

// The value at a dotted path, or nullptr.
Json* FindAtPath(Json& root, const std::string& expression) {
  Json* node = &root;
  for (const std::string& part : DottedPath(expression)) {
    if (!node->is_object()) return nullptr;
    auto it = node->find(part);
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node;
}

size_t CountOf(const Json& value) {
  return value.is_array() || value.is_object() ? value.size()
         : value.is_string()                   ? value.get_ref<const std::string&>().size()
                                               : 0;
}

bool AllNull(const Json& tokens) {
  for (const Json& token : tokens) {
    if (!token.is_null()) return false;
  }
  return true;
}

struct StartingPoint {
  Json tokens = Json::object();  // input token → value
  int64_t truncate_amount = 0;   // items of the first page already returned
};

Result<StartingPoint> DecodeStartingToken(const PaginatorConfig& config, const std::string& token) {
  StartingPoint start;
  Result<std::string> decoded = Base64Decode(token);
  Result<Json> parsed = decoded.ok() ? ParseJson(*decoded) : Result<Json>(decoded.status());
  if (parsed.ok() && parsed->is_object()) {
    for (auto it = parsed->begin(); it != parsed->end(); ++it) {
      if (it.key() == kTruncateAmountKey) {
        if (it.value().is_number_integer()) start.truncate_amount = it.value().get<int64_t>();
      } else if (std::find(config.input_tokens.begin(), config.input_tokens.end(), it.key()) ==
                 config.input_tokens.end()) {
        return InvalidArgumentError("starting token names unknown input token '" + it.key() + "'");
      } else {
        start.tokens[it.key()] = it.value();
      }
    }
    return start;
  }
  // Not one of our tokens: the service's own token, which a single-token paginator accepts
  // as is (as `aws --starting-token` does with a raw service token).
  if (config.input_tokens.size() != 1) {
    return InvalidArgumentError("invalid starting token: not a token from an earlier run");
  }
  start.tokens[config.input_tokens.front()] = token;
  return start;
}

std::string EncodeResumeToken(Json tokens, int64_t truncate_amount) {
  for (auto it = tokens.begin(); it != tokens.end();) {
    it = it.value().is_null() ? tokens.erase(it) : std::next(it);
  }
  if (truncate_amount > 0) tokens[std::string(kTruncateAmountKey)] = truncate_amount;
  return Base64Encode(DumpJson(tokens));
}

// Copies the tokens into the request; null tokens remove the member.
void InjectTokens(Json& request, const Json& tokens) {
  for (auto it = tokens.begin(); it != tokens.end(); ++it) {
    if (it.value().is_null()) {
      request.erase(it.key());
    } else {
      request[it.key()] = it.value();
    }
  }
}

// An empty value of the same kind, for secondary result keys on a resumed first page.
Json EmptyLike(const Json& sample) {
  if (sample.is_array()) return Json::array();
  if (sample.is_string()) return "";
  if (sample.is_number()) return sample;
  return nullptr;
}

// Pages through and returns the resume token ("" when the listing was complete).
Result<std::string> Run(const PaginatorConfig& config, const Operation* operation,
                        const Json& input, const PageCall& call, const PageVisitor& visit,
                        const PaginationOptions& options) {
  if (!input.is_null() && !input.is_object()) {
    return InvalidArgumentError("paginated input must be a JSON object");
  }
  Json request = input.is_null() ? Json::object() : input;
  Json current_tokens = Json::object();
  for (const std::string& name : config.input_tokens) current_tokens[name] = nullptr;
  StartingPoint start;
  if (!options.starting_token.empty()) {
    ASSIGN_OR_RETURN(start, DecodeStartingToken(config, options.starting_token));
    for (auto it = start.tokens.begin(); it != start.tokens.end(); ++it) {
      current_tokens[it.key()] = it.value();
    }
    InjectTokens(request, current_tokens);
  }
  if (options.page_size) {
    if (config.limit_key.empty()) {
      return InvalidArgumentError(config.operation + " does not take a page size");
    }
    const Member* limit = operation != nullptr && operation->input
                              ? operation->input.shape->FindMember(config.limit_key)
                              : nullptr;
    bool as_string = limit != nullptr && limit->shape->type == ShapeType::kString;
    request[config.limit_key] =
        as_string ? Json(std::to_string(*options.page_size)) : Json(*options.page_size);
  }
  const jmespath::Expression* primary =
      config.result_keys.empty() ? nullptr : &config.result_keys.front();
  int64_t total_items = 0;
  int64_t starting_truncation = 0;
  bool first_page = true;
  Json previous_tokens;
  while (true) {
    ASSIGN_OR_RETURN(Json page, call(request));
    if (first_page && !options.starting_token.empty() && primary != nullptr) {
      // Drop what the run that produced the token already returned.
      starting_truncation = start.truncate_amount;
      ASSIGN_OR_RETURN(Json all, primary->Search(page));
      if (all.is_array()) {
        Json rest = Json::array();
        for (size_t i = static_cast<size_t>(starting_truncation); i < all.size(); ++i) {
          rest.push_back(std::move(all[i]));
        }
        SetAtPath(page, primary->text(), std::move(rest));
      }
      for (size_t i = 1; i < config.result_keys.size(); ++i) {
        ASSIGN_OR_RETURN(Json sample, config.result_keys[i].Search(page));
        SetAtPath(page, config.result_keys[i].text(), EmptyLike(sample));
      }
    } else if (!first_page) {
      starting_truncation = 0;
    }
    first_page = false;
    int64_t count = 0;
    if (primary != nullptr) {
      ASSIGN_OR_RETURN(Json results, primary->Search(page));
      count = static_cast<int64_t>(CountOf(results));
      if (options.max_items && total_items + count > *options.max_items) {
        int64_t keep = *options.max_items - total_items;
        if (results.is_array()) {
          results.erase(results.begin() + keep, results.end());
          SetAtPath(page, primary->text(), std::move(results));
        }
        RETURN_IF_ERROR(visit(page));
        return EncodeResumeToken(current_tokens, keep + starting_truncation);
      }
    }
    RETURN_IF_ERROR(visit(page));
    total_items += count;
    ASSIGN_OR_RETURN(Json next_tokens, [&]() -> Result<Json> {
      Json tokens = Json::object();
      if (config.more_results) {
        ASSIGN_OR_RETURN(Json more, config.more_results->Search(page));
        if (!jmespath::IsTruthy(more)) return tokens;
      }
      for (size_t i = 0; i < config.output_tokens.size(); ++i) {
        ASSIGN_OR_RETURN(Json token, config.output_tokens[i].Search(page));
        // Empty strings are no token, as in botocore.
        tokens[config.input_tokens[i]] =
            jmespath::IsTruthy(token) ? std::move(token) : Json(nullptr);
      }
      return tokens;
    }());
    if (AllNull(next_tokens)) return std::string();
    if (options.max_items && total_items == *options.max_items) {
      return EncodeResumeToken(next_tokens, 0);
    }
    if (!previous_tokens.is_null() && JsonEqualUnordered(previous_tokens, next_tokens)) {
      return DataLossError(config.operation + " returned the same next token twice (" +
                           DumpJson(next_tokens) + "); stopping to avoid an endless loop");
    }
    for (const std::string& name : config.input_tokens) current_tokens[name] = nullptr;
    for (auto it = next_tokens.begin(); it != next_tokens.end(); ++it) {
      current_tokens[it.key()] = it.value();
    }
    InjectTokens(request, next_tokens);
    previous_tokens = std::move(next_tokens);
  }
}

}  // namespace

Status Paginator::ForEachPage(const Json& input, const PageCall& call, const PageVisitor& visit,
                              const PaginationOptions& options) const {
  return Run(config_, operation_, input, call, visit, options).status();
}

Result<Json> Paginator::FullResult(const Json& input, const PageCall& call,
                                   const PaginationOptions& options) const {
  Json complete = Json::object();
  Json non_aggregate;
  bool first = true;
  auto merge_page = [&](Json& page) -> Status {
    if (first) {
      first = false;
      non_aggregate = Json::object();
      for (const jmespath::Expression& key : config_.non_aggregate_keys) {
        ASSIGN_OR_RETURN(Json value, key.Search(page));
        SetAtPath(non_aggregate, key.text(), std::move(value));  // nulls too, as botocore
      }
    }
    for (const jmespath::Expression& key : config_.result_keys) {
      ASSIGN_OR_RETURN(Json value, key.Search(page));
      if (value.is_null()) continue;
      Json* existing = FindAtPath(complete, key.text());
      if (existing == nullptr || existing->is_null()) {
        SetAtPath(complete, key.text(), std::move(value));
      } else if (value.is_array() && existing->is_array()) {
        for (Json& element : value) existing->push_back(std::move(element));
      } else if (value.is_number() && existing->is_number()) {
        *existing = existing->is_number_integer() && value.is_number_integer()
                        ? Json(existing->get<int64_t>() + value.get<int64_t>())
                        : Json(existing->get<double>() + value.get<double>());
      } else if (value.is_string() && existing->is_string()) {
        *existing = existing->get<std::string>() + value.get<std::string>();
      }
    }
    return Status::Ok();
  };
  ASSIGN_OR_RETURN(std::string resume_token,
                   Run(config_, operation_, input, call, merge_page, options));
  if (non_aggregate.is_object()) MergeInto(complete, non_aggregate);
  if (!resume_token.empty()) complete["NextToken"] = resume_token;
  return complete;
}

}  // namespace vueops::model
