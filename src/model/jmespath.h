// JMESPath (https://jmespath.org/specification.html) over vueops::Json.
//
// Used for paginator tokens and result keys ("Contents[-1].Key"), waiter matchers
// ("Reservations[].Instances[].State.Name") and the CLI's --query. The whole language is
// implemented: identifiers, sub-expressions, index and slice, list / hash / filter
// projections, flatten, comparators, ||, &&, !, pipes, multi-select lists and hashes,
// literals, raw strings, @, expression references and every built-in function.
//
// Where the specification leaves room, behaviour follows the Python jmespath package the
// AWS CLI uses: ordering comparators also accept two strings, and a legacy `foo` literal
// that is not valid JSON is read as the string "foo".
#ifndef VUEOPS_MODEL_JMESPATH_H_
#define VUEOPS_MODEL_JMESPATH_H_

#include <memory>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"

namespace vueops::jmespath {

struct Node;

// A compiled expression; cheap to copy and safe to share between threads.
class Expression {
 public:
  // Parses `text`. A syntax error, an unknown function or a wrong number of arguments is
  // kInvalidArgument naming the column, e.g.
  //   JMESPath syntax error at column 5 of "foo[": expected a number, ':' or '*'
  static Result<Expression> Compile(std::string_view text);

  // Evaluates against `data`. Fails (kInvalidArgument) only on a runtime type error, such
  // as a function given an argument of the wrong type; a path that does not exist is null.
  Result<Json> Search(const Json& data) const;

  const std::string& text() const { return text_; }

 private:
  Expression(std::string text, std::shared_ptr<const Node> root)
      : text_(std::move(text)), root_(std::move(root)) {}

  std::string text_;
  std::shared_ptr<const Node> root_;
};

// Compile + Search in one step, for one-off queries.
Result<Json> Search(std::string_view expression, const Json& data);

// JMESPath truthiness: false, null, "", [] and {} are false; everything else (0 too) true.
bool IsTruthy(const Json& value);

}  // namespace vueops::jmespath

#endif  // VUEOPS_MODEL_JMESPATH_H_
