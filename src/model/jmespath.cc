// The JMESPath parser and the public API. The grammar and the binding powers are the
// specification's; the parser is a top-down operator-precedence (Pratt) parser in which
// each token has a "nud" (it starts an expression) and possibly a "led" (it continues one).
#include "model/jmespath.h"

#include <utility>

#include "model/jmespath_internal.h"
#include "model/jmespath_lexer.h"

namespace vueops::jmespath {
namespace {

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

}  // namespace

Result<Expression> Expression::Compile(std::string_view text) {
  ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
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
