// Pagination from paginators-1.json, as botocore's paginate.py does it.
//
// A paginator repeats one operation, copying the response's output token(s) into the next
// request's input token(s), until no token comes back (or more_results says false). The
// engine knows nothing about HTTP: the caller hands it a function that performs one call.
#ifndef VUEOPS_MODEL_PAGINATOR_H_
#define VUEOPS_MODEL_PAGINATOR_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "model/jmespath.h"

namespace vueops::model {

struct Operation;

// One entry of paginators-1.json ("pagination" → operation name → this).
struct PaginatorConfig {
  std::string operation;                                 // the paged operation's API name
  std::vector<std::string> input_tokens;                 // request members taking the token(s)
  std::vector<jmespath::Expression> output_tokens;       // where a response holds the token(s)
  std::string limit_key;                                 // request member for the page size, or ""
  std::optional<jmespath::Expression> more_results;      // when set, false means "last page"
  std::vector<jmespath::Expression> result_keys;         // what the pages' results are
  std::vector<jmespath::Expression> non_aggregate_keys;  // kept from the first page only
};

// Performs the operation once with `input` and returns its parsed output.
using PageCall = std::function<Result<Json>(const Json& input)>;
// Receives each page in turn; a non-OK status stops the pagination with that status.
using PageVisitor = std::function<Status(Json& page)>;

struct PaginationOptions {
  // Items per page, sent as the limit_key member (kInvalidArgument if the operation has none).
  std::optional<int64_t> page_size;
  // Stop after this many items of the first result key; the full result then carries a
  // "NextToken" to resume from, as the AWS CLI's --max-items does.
  std::optional<int64_t> max_items;
  // A "NextToken" from an earlier, truncated run.
  std::string starting_token;
};

class Paginator {
 public:
  // `operation` (may be null) lets a page size be sent as a string when the limit_key
  // member is a string shape. REQUIRES: `config` and `operation` outlive the paginator.
  Paginator(const PaginatorConfig& config, const Operation* operation)
      : config_(config), operation_(operation) {}

  // Calls `call` page after page, starting from `input`, and hands each page to `visit`.
  // Fails when a call fails, when the service repeats a token (it would never end), or when
  // the options are invalid.
  Status ForEachPage(const Json& input, const PageCall& call, const PageVisitor& visit,
                     const PaginationOptions& options = {}) const;

  // All pages merged into one result: lists under the result keys are concatenated,
  // numbers added and strings joined, non-aggregate keys come from the first page, and
  // "NextToken" is set when max_items cut the listing short (botocore's build_full_result).
  Result<Json> FullResult(const Json& input, const PageCall& call,
                          const PaginationOptions& options = {}) const;

 private:
  Result<Json> NextTokens(const Json& page) const;

  const PaginatorConfig& config_;
  const Operation* operation_;
};

}  // namespace vueops::model

#endif  // VUEOPS_MODEL_PAGINATOR_H_
