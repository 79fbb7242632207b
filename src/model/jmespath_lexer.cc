#include "model/jmespath_lexer.h"

#include <cctype>
#include <charconv>

namespace vueops::jmespath {
namespace {

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Result<std::vector<Token>> Tokenize() {
    std::vector<Token> tokens;
    while (true) {
      while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
      Token token;
      token.position = pos_;
      if (pos_ >= text_.size()) {
        tokens.push_back(std::move(token));
        return tokens;
      }
      RETURN_IF_ERROR(Next(token));
      tokens.push_back(std::move(token));
    }
  }

 private:
  static bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
  static bool IsIdentifierStart(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
  }
  static bool IsIdentifierChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  }
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  char Peek(size_t ahead = 1) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  // Sets `token` from the text at pos_ and advances past it.
  Status Next(Token& token) {
    char c = text_[pos_];
    if (IsIdentifierStart(c)) {
      size_t start = pos_;
      while (pos_ < text_.size() && IsIdentifierChar(text_[pos_])) ++pos_;
      token.type = TokenType::kUnquotedIdentifier;
      token.text = std::string(text_.substr(start, pos_ - start));
      return Status::Ok();
    }
    if (IsDigit(c) || (c == '-' && IsDigit(Peek()))) {
      size_t start = pos_++;
      while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
      token.type = TokenType::kNumber;
      auto [end, error] = std::from_chars(text_.data() + start, text_.data() + pos_, token.number);
      if (error != std::errc()) return SyntaxError(text_, start, "number out of range");
      return Status::Ok();
    }
    switch (c) {
      case '"': return QuotedIdentifier(token);
      case '\'': return RawString(token);
      case '`': return Literal(token);
      case '.': return Single(token, TokenType::kDot);
      case '*': return Single(token, TokenType::kStar);
      case ']': return Single(token, TokenType::kRbracket);
      case '{': return Single(token, TokenType::kLbrace);
      case '}': return Single(token, TokenType::kRbrace);
      case '(': return Single(token, TokenType::kLparen);
      case ')': return Single(token, TokenType::kRparen);
      case ',': return Single(token, TokenType::kComma);
      case ':': return Single(token, TokenType::kColon);
      case '@': return Single(token, TokenType::kCurrent);
      case '[':
        if (Peek() == ']') return Double(token, TokenType::kFlatten);
        if (Peek() == '?') return Double(token, TokenType::kFilter);
        return Single(token, TokenType::kLbracket);
      case '|':
        return Peek() == '|' ? Double(token, TokenType::kOr) : Single(token, TokenType::kPipe);
      case '&':
        return Peek() == '&' ? Double(token, TokenType::kAnd) : Single(token, TokenType::kExpref);
      case '!':
        return Peek() == '=' ? Double(token, TokenType::kNe) : Single(token, TokenType::kNot);
      case '<':
        return Peek() == '=' ? Double(token, TokenType::kLte) : Single(token, TokenType::kLt);
      case '>':
        return Peek() == '=' ? Double(token, TokenType::kGte) : Single(token, TokenType::kGt);
      case '=':
        if (Peek() == '=') return Double(token, TokenType::kEq);
        return SyntaxError(text_, pos_, "'=' is not an operator; did you mean '=='?");
      default: return SyntaxError(text_, pos_, std::string("unexpected character '") + c + "'");
    }
  }

  Status Single(Token& token, TokenType type) {
    token.type = type;
    ++pos_;
    return Status::Ok();
  }
  Status Double(Token& token, TokenType type) {
    token.type = type;
    pos_ += 2;
    return Status::Ok();
  }

  // The text between `delimiter`s starting at pos_, where a backslash escapes the next
  // character (kept as written). Advances past the closing delimiter.
  Result<std::string_view> Delimited(char delimiter) {
    size_t start = pos_++;
    while (pos_ < text_.size() && text_[pos_] != delimiter) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      ++pos_;
    }
    if (pos_ >= text_.size()) {
      return SyntaxError(text_, start, std::string("unterminated ") + delimiter + "...");
    }
    ++pos_;
    return text_.substr(start + 1, pos_ - start - 2);
  }

  Status QuotedIdentifier(Token& token) {
    size_t start = pos_;
    ASSIGN_OR_RETURN(std::string_view body, Delimited('"'));
    Result<Json> parsed = ParseJson("\"" + std::string(body) + "\"");
    if (!parsed.ok() || !parsed->is_string()) {
      return SyntaxError(text_, start, "invalid quoted identifier");
    }
    token.type = TokenType::kQuotedIdentifier;
    token.text = parsed->get<std::string>();
    return Status::Ok();
  }

  // 'raw string': only \' is an escape; every other backslash stays.
  Status RawString(Token& token) {
    ASSIGN_OR_RETURN(std::string_view body, Delimited('\''));
    std::string value;
    for (size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '\'') ++i;
      value += body[i];
    }
    token.type = TokenType::kLiteral;
    token.literal = std::move(value);
    return Status::Ok();
  }

  // `json`: \` is an escaped backtick. Text that is not JSON is the legacy string form.
  Status Literal(Token& token) {
    size_t start = pos_;
    ASSIGN_OR_RETURN(std::string_view body, Delimited('`'));
    std::string json;
    for (size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '`') ++i;
      json += body[i];
    }
    token.type = TokenType::kLiteral;
    Result<Json> parsed = ParseJson(json);
    if (parsed.ok()) {
      token.literal = std::move(parsed).value();
      return Status::Ok();
    }
    size_t first = json.find_first_not_of(" \t\n\r");
    Result<Json> legacy =
        ParseJson("\"" + (first == std::string::npos ? "" : json.substr(first)) + "\"");
    if (!legacy.ok()) return SyntaxError(text_, start, "invalid JSON literal");
    token.literal = std::move(legacy).value();
    return Status::Ok();
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::string_view Describe(TokenType type) {
  switch (type) {
    case TokenType::kEof: return "the end of the expression";
    case TokenType::kUnquotedIdentifier: return "an identifier";
    case TokenType::kQuotedIdentifier: return "a quoted identifier";
    case TokenType::kLiteral: return "a literal";
    case TokenType::kRbracket: return "']'";
    case TokenType::kRparen: return "')'";
    case TokenType::kComma: return "','";
    case TokenType::kRbrace: return "'}'";
    case TokenType::kNumber: return "a number";
    case TokenType::kCurrent: return "'@'";
    case TokenType::kExpref: return "'&'";
    case TokenType::kColon: return "':'";
    case TokenType::kPipe: return "'|'";
    case TokenType::kOr: return "'||'";
    case TokenType::kAnd: return "'&&'";
    case TokenType::kEq: return "'=='";
    case TokenType::kGt: return "'>'";
    case TokenType::kLt: return "'<'";
    case TokenType::kGte: return "'>='";
    case TokenType::kLte: return "'<='";
    case TokenType::kNe: return "'!='";
    case TokenType::kFlatten: return "'[]'";
    case TokenType::kStar: return "'*'";
    case TokenType::kFilter: return "'[?'";
    case TokenType::kDot: return "'.'";
    case TokenType::kNot: return "'!'";
    case TokenType::kLbrace: return "'{'";
    case TokenType::kLbracket: return "'['";
    case TokenType::kLparen: return "'('";
  }
  return "a token";
}

Status SyntaxError(std::string_view expression, size_t position, std::string_view reason) {
  return InvalidArgumentError("JMESPath syntax error at column " + std::to_string(position + 1) +
                              " of \"" + std::string(expression) + "\": " + std::string(reason));
}

Result<std::vector<Token>> Tokenize(std::string_view text) { return Lexer(text).Tokenize(); }

}  // namespace vueops::jmespath
