// The JMESPath lexer: expression text → tokens (specification section "Lexical
// grammar"). Internal to src/model/.
#ifndef VUEOPS_MODEL_JMESPATH_LEXER_H_
#define VUEOPS_MODEL_JMESPATH_LEXER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"

namespace vueops::jmespath {

enum class TokenType : uint8_t {
  kEof,
  kUnquotedIdentifier,
  kQuotedIdentifier,
  kLiteral,
  kRbracket,
  kRparen,
  kComma,
  kRbrace,
  kNumber,
  kCurrent,
  kExpref,
  kColon,
  kPipe,
  kOr,
  kAnd,
  kEq,
  kGt,
  kLt,
  kGte,
  kLte,
  kNe,
  kFlatten,
  kStar,
  kFilter,
  kDot,
  kNot,
  kLbrace,
  kLbracket,
  kLparen,
};

struct Token {
  TokenType type = TokenType::kEof;
  size_t position = 0;  // byte offset in the expression
  std::string text;     // identifiers
  Json literal;         // literals and raw strings
  int64_t number = 0;
};

// How a token is named in messages ("']'", "an identifier").
std::string_view Describe(TokenType type);

// kInvalidArgument: JMESPath syntax error at column <position + 1> of "<expression>": <reason>
Status SyntaxError(std::string_view expression, size_t position, std::string_view reason);

// The tokens of `text`, ending with a kEof token; kInvalidArgument on a lexical error
// (an unterminated string or literal, an unexpected character).
Result<std::vector<Token>> Tokenize(std::string_view text);

}  // namespace vueops::jmespath

#endif  // VUEOPS_MODEL_JMESPATH_LEXER_H_
