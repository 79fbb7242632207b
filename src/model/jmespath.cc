// JMESPath lexer, Pratt parser and tree interpreter. The grammar and the binding powers are
// the specification's; the parser is a top-down operator-precedence parser in which each
// token has a "nud" (it starts an expression) and possibly a "led" (it continues one).
#include "model/jmespath.h"

#include <array>
#include <cctype>
#include <charconv>
#include <utility>

#include "model/jmespath_internal.h"

namespace vueops::jmespath {
namespace {

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

// How tightly each token binds to the expression on its left. Tokens binding below
// kProjectionStop end a projection: in `a[*].b | c` the pipe is not projected.
constexpr int kProjectionStop = 10;

int BindingPower(TokenType type) {
  switch (type) {
    case TokenType::kPipe: return 1;
    case TokenType::kOr: return 2;
    case TokenType::kAnd: return 3;
    case TokenType::kEq:
    case TokenType::kGt:
    case TokenType::kLt:
    case TokenType::kGte:
    case TokenType::kLte:
    case TokenType::kNe: return 5;
    case TokenType::kFlatten: return 9;
    case TokenType::kStar: return 20;
    case TokenType::kFilter: return 21;
    case TokenType::kDot: return 40;
    case TokenType::kNot: return 45;
    case TokenType::kLbrace: return 50;
    case TokenType::kLbracket: return 55;
    case TokenType::kLparen: return 60;
    default: return 0;
  }
}

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

struct Token {
  TokenType type = TokenType::kEof;
  size_t position = 0;  // byte offset in the expression
  std::string text;     // identifiers
  Json literal;         // literals and raw strings
  int64_t number = 0;
};

Status SyntaxError(std::string_view expression, size_t position, std::string_view reason) {
  return InvalidArgumentError("JMESPath syntax error at column " + std::to_string(position + 1) +
                              " of \"" + std::string(expression) + "\": " + std::string(reason));
}

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

std::unique_ptr<Node> MakeNode(NodeType type) {
  auto node = std::make_unique<Node>();
  node->type = type;
  return node;
}

std::unique_ptr<Node> MakeNode(NodeType type, std::unique_ptr<Node> first,
                               std::unique_ptr<Node> second = nullptr) {
  auto node = MakeNode(type);
  node->children.push_back(std::move(first));
  if (second) node->children.push_back(std::move(second));
  return node;
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens)
      : text_(text), tokens_(std::move(tokens)) {}

  Result<std::unique_ptr<Node>> Parse() {
    ASSIGN_OR_RETURN(auto root, Expression(0));
    if (Current() != TokenType::kEof) {
      return Error(tokens_[index_], std::string("unexpected ") + std::string(Describe(Current())));
    }
    return root;
  }

 private:
  using NodePtr = std::unique_ptr<Node>;

  TokenType Current() const { return tokens_[index_].type; }
  TokenType Lookahead(size_t n) const {
    return index_ + n < tokens_.size() ? tokens_[index_ + n].type : TokenType::kEof;
  }
  Token& Advance() { return tokens_[index_++]; }

  Status Error(const Token& token, std::string_view reason) const {
    return SyntaxError(text_, token.position, reason);
  }
  Status Expect(TokenType type) {
    if (Current() != type) {
      return Error(tokens_[index_], "expected " + std::string(Describe(type)) + ", found " +
                                        std::string(Describe(Current())));
    }
    ++index_;
    return Status::Ok();
  }

  Result<NodePtr> Expression(int binding_power) {
    // Bounds the recursion, so "((((...))))" from a user cannot exhaust the stack.
    if (++depth_ > kMaxNesting) return Error(tokens_[index_], "expression nested too deeply");
    struct Leave {
      int& depth;
      ~Leave() { --depth; }
    } leave{depth_};
    Token& token = Advance();
    ASSIGN_OR_RETURN(NodePtr left, Nud(token));
    while (binding_power < BindingPower(Current())) {
      ASSIGN_OR_RETURN(left, Led(Advance(), std::move(left)));
    }
    return left;
  }

  Result<NodePtr> Nud(Token& token) {
    switch (token.type) {
      case TokenType::kLiteral: {
        auto node = MakeNode(NodeType::kLiteral);
        node->literal = std::move(token.literal);
        return node;
      }
      case TokenType::kUnquotedIdentifier:
      case TokenType::kQuotedIdentifier: {
        if (token.type == TokenType::kQuotedIdentifier && Current() == TokenType::kLparen) {
          return Error(token, "a function name cannot be quoted");
        }
        auto node = MakeNode(NodeType::kField);
        node->name = std::move(token.text);
        return node;
      }
      case TokenType::kStar: {
        NodePtr right;
        if (Current() == TokenType::kRbracket) {
          right = MakeNode(NodeType::kIdentity);
        } else {
          ASSIGN_OR_RETURN(right, ProjectionRhs(BindingPower(TokenType::kStar)));
        }
        return MakeNode(NodeType::kValueProjection, MakeNode(NodeType::kIdentity),
                        std::move(right));
      }
      case TokenType::kFilter: return Filter(MakeNode(NodeType::kIdentity));
      case TokenType::kLbrace: return MultiSelectHash();
      case TokenType::kLparen: {
        ASSIGN_OR_RETURN(NodePtr inner, Expression(0));
        RETURN_IF_ERROR(Expect(TokenType::kRparen));
        return inner;
      }
      case TokenType::kFlatten: {
        auto flatten = MakeNode(NodeType::kFlatten, MakeNode(NodeType::kIdentity));
        ASSIGN_OR_RETURN(NodePtr right, ProjectionRhs(BindingPower(TokenType::kFlatten)));
        return MakeNode(NodeType::kProjection, std::move(flatten), std::move(right));
      }
      case TokenType::kNot: {
        ASSIGN_OR_RETURN(NodePtr operand, Expression(BindingPower(TokenType::kNot)));
        return MakeNode(NodeType::kNot, std::move(operand));
      }
      case TokenType::kLbracket: {
        if (Current() == TokenType::kNumber || Current() == TokenType::kColon) {
          ASSIGN_OR_RETURN(NodePtr index, IndexOrSlice());
          return ProjectIfSlice(MakeNode(NodeType::kIdentity), std::move(index));
        }
        if (Current() == TokenType::kStar && Lookahead(1) == TokenType::kRbracket) {
          index_ += 2;
          ASSIGN_OR_RETURN(NodePtr right, ProjectionRhs(BindingPower(TokenType::kStar)));
          return MakeNode(NodeType::kProjection, MakeNode(NodeType::kIdentity), std::move(right));
        }
        return MultiSelectList();
      }
      case TokenType::kCurrent: return MakeNode(NodeType::kCurrent);
      case TokenType::kExpref: {
        ASSIGN_OR_RETURN(NodePtr operand, Expression(BindingPower(TokenType::kExpref)));
        return MakeNode(NodeType::kExpref, std::move(operand));
      }
      case TokenType::kEof: return Error(token, "incomplete expression");
      default: return Error(token, std::string("unexpected ") + std::string(Describe(token.type)));
    }
  }

  Result<NodePtr> Led(Token& token, NodePtr left) {
    switch (token.type) {
      case TokenType::kDot: {
        if (Current() == TokenType::kStar) {
          ++index_;
          ASSIGN_OR_RETURN(NodePtr right, ProjectionRhs(BindingPower(TokenType::kDot)));
          return MakeNode(NodeType::kValueProjection, std::move(left), std::move(right));
        }
        ASSIGN_OR_RETURN(NodePtr right, DotRhs(BindingPower(TokenType::kDot)));
        if (left->type == NodeType::kSubexpression) {
          left->children.push_back(std::move(right));
          return left;
        }
        return MakeNode(NodeType::kSubexpression, std::move(left), std::move(right));
      }
      case TokenType::kPipe:
      case TokenType::kOr:
      case TokenType::kAnd: {
        ASSIGN_OR_RETURN(NodePtr right, Expression(BindingPower(token.type)));
        NodeType type = token.type == TokenType::kPipe ? NodeType::kPipe
                        : token.type == TokenType::kOr ? NodeType::kOr
                                                       : NodeType::kAnd;
        return MakeNode(type, std::move(left), std::move(right));
      }
      case TokenType::kLparen: return Function(token, std::move(left));
      case TokenType::kFilter: return Filter(std::move(left));
      case TokenType::kEq: return Compare(std::move(left), Comparator::kEqual, token.type);
      case TokenType::kNe: return Compare(std::move(left), Comparator::kNotEqual, token.type);
      case TokenType::kLt: return Compare(std::move(left), Comparator::kLess, token.type);
      case TokenType::kLte: return Compare(std::move(left), Comparator::kLessOrEqual, token.type);
      case TokenType::kGt: return Compare(std::move(left), Comparator::kGreater, token.type);
      case TokenType::kGte:
        return Compare(std::move(left), Comparator::kGreaterOrEqual, token.type);
      case TokenType::kFlatten: {
        auto flatten = MakeNode(NodeType::kFlatten, std::move(left));
        ASSIGN_OR_RETURN(NodePtr right, ProjectionRhs(BindingPower(TokenType::kFlatten)));
        return MakeNode(NodeType::kProjection, std::move(flatten), std::move(right));
      }
      case TokenType::kLbracket: {
        if (Current() == TokenType::kNumber || Current() == TokenType::kColon) {
          ASSIGN_OR_RETURN(NodePtr index, IndexOrSlice());
          if (left->type == NodeType::kIndexExpression) {
            left->children.push_back(std::move(index));
            return left;
          }
          return ProjectIfSlice(std::move(left), std::move(index));
        }
        RETURN_IF_ERROR(Expect(TokenType::kStar));
        RETURN_IF_ERROR(Expect(TokenType::kRbracket));
        ASSIGN_OR_RETURN(NodePtr right, ProjectionRhs(BindingPower(TokenType::kStar)));
        return MakeNode(NodeType::kProjection, std::move(left), std::move(right));
      }
      default: return Error(token, std::string("unexpected ") + std::string(Describe(token.type)));
    }
  }

  Result<NodePtr> Compare(NodePtr left, Comparator comparator, TokenType token) {
    ASSIGN_OR_RETURN(NodePtr right, Expression(BindingPower(token)));
    auto node = MakeNode(NodeType::kComparator, std::move(left), std::move(right));
    node->comparator = comparator;
    return node;
  }

  Result<NodePtr> Filter(NodePtr left) {
    ASSIGN_OR_RETURN(NodePtr condition, Expression(0));
    RETURN_IF_ERROR(Expect(TokenType::kRbracket));
    NodePtr right;
    if (Current() == TokenType::kFlatten) {
      right = MakeNode(NodeType::kIdentity);
    } else {
      ASSIGN_OR_RETURN(right, ProjectionRhs(BindingPower(TokenType::kFilter)));
    }
    auto node = MakeNode(NodeType::kFilterProjection, std::move(left), std::move(right));
    node->children.push_back(std::move(condition));
    return node;
  }

  Result<NodePtr> Function(const Token& paren, NodePtr name) {
    if (name->type != NodeType::kField) {
      return Error(paren, "'(' must follow a function name");
    }
    const FunctionSpec* spec = FindFunction(name->name);
    if (spec == nullptr) return Error(paren, "unknown function '" + name->name + "()'");
    auto node = MakeNode(NodeType::kFunction);
    node->name = std::move(name->name);
    node->function = spec;
    while (Current() != TokenType::kRparen) {
      ASSIGN_OR_RETURN(NodePtr argument, Expression(0));
      node->children.push_back(std::move(argument));
      if (Current() != TokenType::kComma) break;
      ++index_;
    }
    RETURN_IF_ERROR(Expect(TokenType::kRparen));
    size_t count = node->children.size();
    size_t declared = spec->arguments.size();
    bool arity_ok = spec->variadic ? count >= declared : count == declared;
    if (!arity_ok) {
      return Error(paren, node->name + "() takes " + (spec->variadic ? "at least " : "") +
                              std::to_string(declared) + " argument" + (declared == 1 ? "" : "s") +
                              ", got " + std::to_string(count));
    }
    return node;
  }

  Result<NodePtr> IndexOrSlice() {
    if (Current() == TokenType::kColon || Lookahead(1) == TokenType::kColon) return Slice();
    auto node = MakeNode(NodeType::kIndex);
    node->index = Advance().number;
    RETURN_IF_ERROR(Expect(TokenType::kRbracket));
    return node;
  }

  Result<NodePtr> Slice() {
    auto node = MakeNode(NodeType::kSlice);
    size_t part = 0;
    while (Current() != TokenType::kRbracket) {
      if (Current() == TokenType::kColon) {
        if (++part == 3) return Error(tokens_[index_], "a slice takes at most 3 parts");
        ++index_;
      } else if (Current() == TokenType::kNumber) {
        node->slice[part] = Advance().number;
      } else {
        return Error(tokens_[index_], "expected a number, ':' or ']' in a slice");
      }
    }
    if (node->slice[2] == 0) return Error(tokens_[index_], "a slice step cannot be 0");
    ++index_;
    return node;
  }

  NodePtr ProjectIfSliceImpl(NodePtr left, NodePtr index, NodePtr rhs) {
    auto expression = MakeNode(NodeType::kIndexExpression, std::move(left), std::move(index));
    if (!rhs) return expression;
    return MakeNode(NodeType::kProjection, std::move(expression), std::move(rhs));
  }

  Result<NodePtr> ProjectIfSlice(NodePtr left, NodePtr index) {
    if (index->type != NodeType::kSlice) {
      return ProjectIfSliceImpl(std::move(left), std::move(index), nullptr);
    }
    ASSIGN_OR_RETURN(NodePtr right, ProjectionRhs(BindingPower(TokenType::kStar)));
    return ProjectIfSliceImpl(std::move(left), std::move(index), std::move(right));
  }

  Result<NodePtr> MultiSelectList() {
    auto node = MakeNode(NodeType::kMultiSelectList);
    while (true) {
      ASSIGN_OR_RETURN(NodePtr element, Expression(0));
      node->children.push_back(std::move(element));
      if (Current() == TokenType::kRbracket) break;
      RETURN_IF_ERROR(Expect(TokenType::kComma));
    }
    ++index_;
    return node;
  }

  Result<NodePtr> MultiSelectHash() {
    auto node = MakeNode(NodeType::kMultiSelectHash);
    while (true) {
      if (Current() != TokenType::kUnquotedIdentifier &&
          Current() != TokenType::kQuotedIdentifier) {
        return Error(tokens_[index_],
                     "expected a key name, found " + std::string(Describe(Current())));
      }
      node->keys.push_back(std::move(Advance().text));
      RETURN_IF_ERROR(Expect(TokenType::kColon));
      ASSIGN_OR_RETURN(NodePtr value, Expression(0));
      node->children.push_back(std::move(value));
      if (Current() == TokenType::kRbrace) break;
      RETURN_IF_ERROR(Expect(TokenType::kComma));
    }
    ++index_;
    return node;
  }

  // What a projection applies to each element: nothing more (identity) when the next token
  // ends the projection, else a bracket, filter or dot continuation.
  Result<NodePtr> ProjectionRhs(int binding_power) {
    if (BindingPower(Current()) < kProjectionStop) return MakeNode(NodeType::kIdentity);
    switch (Current()) {
      case TokenType::kLbracket:
      case TokenType::kFilter: return Expression(binding_power);
      case TokenType::kDot: ++index_; return DotRhs(binding_power);
      default:
        return Error(tokens_[index_],
                     "unexpected " + std::string(Describe(Current())) + " after a projection");
    }
  }

  Result<NodePtr> DotRhs(int binding_power) {
    switch (Current()) {
      case TokenType::kUnquotedIdentifier:
      case TokenType::kQuotedIdentifier:
      case TokenType::kStar: return Expression(binding_power);
      case TokenType::kLbracket: ++index_; return MultiSelectList();
      case TokenType::kLbrace: ++index_; return MultiSelectHash();
      default:
        return Error(tokens_[index_], "expected an identifier, '[' or '{' after '.', found " +
                                          std::string(Describe(Current())));
    }
  }

  static constexpr int kMaxNesting = 256;

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t index_ = 0;
  int depth_ = 0;
};

// Clamps a slice bound as the specification's capSliceRange does.
int64_t CapSliceBound(int64_t length, int64_t bound, int64_t step) {
  if (bound < 0) {
    bound += length;
    if (bound < 0) bound = step < 0 ? -1 : 0;
  } else if (bound >= length) {
    bound = step < 0 ? length - 1 : length;
  }
  return bound;
}

bool IsNumber(const Json& value) { return value.is_number(); }

}  // namespace

const Json& Value::NullJson() {
  static const Json* const null_json = new Json(nullptr);
  return *null_json;
}

bool IsTruthy(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return false;
    case Json::value_t::boolean: return value.get<bool>();
    case Json::value_t::string: return !value.get_ref<const std::string&>().empty();
    case Json::value_t::array:
    case Json::value_t::object: return !value.empty();
    default: return true;
  }
}

std::string_view TypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::string: return "string";
    case Json::value_t::array: return "array";
    case Json::value_t::object: return "object";
    default: return "number";
  }
}

bool JsonEquals(const Json& a, const Json& b) { return JsonEqualUnordered(a, b); }

Result<Value> Interpreter::Evaluate(const Node& node, const Value& current) {
  const Json& value = current.get();
  switch (node.type) {
    case NodeType::kIdentity:
    case NodeType::kCurrent: return current;
    case NodeType::kLiteral: return Value::Ref(node.literal);
    case NodeType::kField: {
      if (!value.is_object()) return Value();
      auto it = value.find(node.name);
      if (it == value.end()) return Value();
      return Value::Derive(current, *it);
    }
    case NodeType::kSubexpression:
    case NodeType::kIndexExpression:
    case NodeType::kPipe: {
      Value result = current;
      for (const auto& child : node.children) {
        ASSIGN_OR_RETURN(result, Evaluate(*child, result));
      }
      return result;
    }
    case NodeType::kIndex: {
      if (!value.is_array()) return Value();
      int64_t size = static_cast<int64_t>(value.size());
      int64_t index = node.index < 0 ? node.index + size : node.index;
      if (index < 0 || index >= size) return Value();
      return Value::Derive(current, value[static_cast<size_t>(index)]);
    }
    case NodeType::kSlice: {
      if (!value.is_array()) return Value();
      int64_t length = static_cast<int64_t>(value.size());
      int64_t step = node.slice[2].value_or(1);
      int64_t start =
          node.slice[0] ? CapSliceBound(length, *node.slice[0], step) : (step < 0 ? length - 1 : 0);
      int64_t stop =
          node.slice[1] ? CapSliceBound(length, *node.slice[1], step) : (step < 0 ? -1 : length);
      Json result = Json::array();
      for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
        result.push_back(value[static_cast<size_t>(i)]);
      }
      return Value::Own(std::move(result));
    }
    case NodeType::kProjection:
    case NodeType::kValueProjection:
    case NodeType::kFilterProjection: {
      ASSIGN_OR_RETURN(Value base, Evaluate(*node.children[0], current));
      const Json& collection = base.get();
      bool over_values = node.type == NodeType::kValueProjection;
      if (over_values ? !collection.is_object() : !collection.is_array()) return Value();
      Json collected = Json::array();
      for (const Json& element : collection) {
        Value item = Value::Derive(base, element);
        if (node.type == NodeType::kFilterProjection) {
          ASSIGN_OR_RETURN(Value condition, Evaluate(*node.children[2], item));
          if (!IsTruthy(condition.get())) continue;
        }
        ASSIGN_OR_RETURN(Value projected, Evaluate(*node.children[1], item));
        if (!projected->is_null()) collected.push_back(std::move(projected).Take());
      }
      return Value::Own(std::move(collected));
    }
    case NodeType::kFlatten: {
      ASSIGN_OR_RETURN(Value base, Evaluate(*node.children[0], current));
      if (!base->is_array()) return Value();
      Json merged = Json::array();
      for (const Json& element : base.get()) {
        if (element.is_array()) {
          for (const Json& inner : element) merged.push_back(inner);
        } else {
          merged.push_back(element);
        }
      }
      return Value::Own(std::move(merged));
    }
    case NodeType::kMultiSelectList:
    case NodeType::kMultiSelectHash: {
      if (value.is_null()) return Value();
      bool is_hash = node.type == NodeType::kMultiSelectHash;
      Json collected = is_hash ? Json::object() : Json::array();
      for (size_t i = 0; i < node.children.size(); ++i) {
        ASSIGN_OR_RETURN(Value element, Evaluate(*node.children[i], current));
        if (is_hash) {
          collected[node.keys[i]] = std::move(element).Take();
        } else {
          collected.push_back(std::move(element).Take());
        }
      }
      return Value::Own(std::move(collected));
    }
    case NodeType::kComparator: {
      ASSIGN_OR_RETURN(Value left, Evaluate(*node.children[0], current));
      ASSIGN_OR_RETURN(Value right, Evaluate(*node.children[1], current));
      const Json& a = left.get();
      const Json& b = right.get();
      switch (node.comparator) {
        case Comparator::kEqual: return Value::Own(JsonEquals(a, b));
        case Comparator::kNotEqual: return Value::Own(!JsonEquals(a, b));
        default: break;
      }
      bool comparable = (IsNumber(a) && IsNumber(b)) || (a.is_string() && b.is_string());
      if (!comparable) return Value();
      switch (node.comparator) {
        case Comparator::kLess: return Value::Own(a < b);
        case Comparator::kLessOrEqual: return Value::Own(a <= b);
        case Comparator::kGreater: return Value::Own(a > b);
        default: return Value::Own(a >= b);
      }
    }
    case NodeType::kOr: {
      ASSIGN_OR_RETURN(Value left, Evaluate(*node.children[0], current));
      if (IsTruthy(left.get())) return left;
      return Evaluate(*node.children[1], current);
    }
    case NodeType::kAnd: {
      ASSIGN_OR_RETURN(Value left, Evaluate(*node.children[0], current));
      if (!IsTruthy(left.get())) return left;
      return Evaluate(*node.children[1], current);
    }
    case NodeType::kNot: {
      ASSIGN_OR_RETURN(Value operand, Evaluate(*node.children[0], current));
      return Value::Own(!IsTruthy(operand.get()));
    }
    case NodeType::kExpref:
      // Only meaningful as a function argument, where kFunction handles it.
      return Value();
    case NodeType::kFunction: {
      std::vector<Argument> arguments;
      arguments.reserve(node.children.size());
      for (const auto& child : node.children) {
        if (child->type == NodeType::kExpref) {
          arguments.push_back(Argument{Value(), child->children[0].get()});
        } else {
          ASSIGN_OR_RETURN(Value argument, Evaluate(*child, current));
          arguments.push_back(Argument{std::move(argument), nullptr});
        }
      }
      RETURN_IF_ERROR(CheckArgumentTypes(*node.function, arguments));
      return node.function->call(*this, arguments);
    }
  }
  return Value();
}

Result<Expression> Expression::Compile(std::string_view text) {
  ASSIGN_OR_RETURN(std::vector<Token> tokens, Lexer(text).Tokenize());
  ASSIGN_OR_RETURN(std::unique_ptr<Node> root, Parser(text, std::move(tokens)).Parse());
  return Expression(std::string(text), std::shared_ptr<const Node>(std::move(root)));
}

Result<Json> Expression::Search(const Json& data) const {
  Interpreter interpreter;
  ASSIGN_OR_RETURN(Value result, interpreter.Evaluate(*root_, Value::Ref(data)));
  return std::move(result).Take();
}

Result<Json> Search(std::string_view expression, const Json& data) {
  ASSIGN_OR_RETURN(Expression compiled, Expression::Compile(expression));
  return compiled.Search(data);
}

}  // namespace vueops::jmespath
