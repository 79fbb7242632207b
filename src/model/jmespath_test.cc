#include "model/jmespath.h"

#include <gtest/gtest.h>

namespace vueops::jmespath {
namespace {

struct Case {
  const char* data;        // JSON document searched
  const char* expression;  // JMESPath
  const char* expected;    // JSON result
};

Json J(const char* text) { return ParseJson(text).value(); }

void ExpectCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string("expression: ") + c.expression + "  data: " + c.data);
    Result<Json> result = Search(c.expression, J(c.data));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_TRUE(JsonEqualUnordered(*result, J(c.expected)))
        << "got " << DumpJson(*result) << ", want " << c.expected;
  }
}

// Examples of the specification's sections, in its order.
TEST(JmespathTest, IdentifiersAndSubexpressions) {
  ExpectCases({
      {R"({"foo": "value"})", "foo", R"("value")"},
      {R"({"foo": "value"})", "bar", "null"},
      {R"({"foo": {"bar": "value"}})", "foo.bar", R"("value")"},
      {R"({"foo": {"bar": {"baz": "value"}}})", "foo.bar.baz", R"("value")"},
      {R"({"foo": {"bar": "value"}})", "foo.baz", "null"},
      {R"({"foo": ["a"]})", "foo.bar", "null"},
      {R"({"with space": 1, "\"q\"": 2})", R"("with space")", "1"},
      {R"({"with space": 1, "\"q\"": 2})", R"("\"q\"")", "2"},
      {R"({"☃": true})", R"("\u2603")", "true"},
      {R"({"foo": {"bar": 1}})", R"(foo."bar")", "1"},
      {"[1, 2]", "foo", "null"},
  });
}

TEST(JmespathTest, IndexExpressions) {
  ExpectCases({
      {R"(["a", "b", "c", "d", "e", "f"])", "[1]", R"("b")"},
      {R"(["a", "b", "c", "d", "e", "f"])", "[-1]", R"("f")"},
      {R"(["a", "b", "c", "d", "e", "f"])", "[10]", "null"},
      {R"(["a", "b", "c", "d", "e", "f"])", "[-10]", "null"},
      {R"({"foo": {"bar": ["zero", "one", "two"]}})", "foo.bar[0]", R"("zero")"},
      {R"({"a": [[0, 1], [2, 3]]})", "a[1][0]", "2"},
      {R"({"foo": {"bar": 1}})", "foo[0]", "null"},
      {R"({"Contents": [{"Key": "a"}, {"Key": "b"}]})", "Contents[-1].Key", R"("b")"},
  });
}

TEST(JmespathTest, Slices) {
  const char* numbers = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
  ExpectCases({
      {numbers, "[0:5]", "[0, 1, 2, 3, 4]"},
      {numbers, "[5:10]", "[5, 6, 7, 8, 9]"},
      {numbers, "[:5]", "[0, 1, 2, 3, 4]"},
      {numbers, "[::2]", "[0, 2, 4, 6, 8]"},
      {numbers, "[::-1]", "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]"},
      {numbers, "[-3:]", "[7, 8, 9]"},
      {numbers, "[8:2:-2]", "[8, 6, 4]"},
      {numbers, "[100:]", "[]"},
      {numbers, "[-100:2]", "[0, 1]"},
      {numbers, "[::-3]", "[9, 6, 3, 0]"},
      {R"({"foo": "abc"})", "foo[0:1]", "null"},
      {R"({"a": [{"b": 1}, {"b": 2}, {"b": 3}]})", "a[0:2].b", "[1, 2]"},
  });
}

TEST(JmespathTest, ListProjections) {
  const char* people =
      R"({"people": [{"first": "James", "last": "d"}, {"first": "Jacob", "last": "e"},
                     {"first": "Jayden", "last": "f"}, {"missing": "different"}],
          "foo": {"bar": "baz"}})";
  ExpectCases({
      {people, "people[*].first", R"(["James", "Jacob", "Jayden"])"},
      {people, "people[:2].first", R"(["James", "Jacob"])"},
      {people, "people[*].first[0]", "[]"},
      {people, "foo[*].bar", "null"},
      {R"({"a": [{"b": [{"c": 1}, {"c": 2}]}, {"b": [{"c": 3}]}]})", "a[*].b[*].c",
       "[[1, 2], [3]]"},
      {R"({"a": [1, 2]})", "a[*]", "[1, 2]"},
      {R"({"a": [{"b": 1}, {"b": 2}]})", "a[*].b | [0]", "1"},
  });
}

TEST(JmespathTest, ObjectProjections) {
  const char* ops = R"({"ops": {"functionA": {"numArgs": 2}, "functionB": {"numArgs": 3},
                                "functionC": {"variadic": true}}})";
  ExpectCases({
      {ops, "ops.*.numArgs", "[2, 3]"},
      {ops, "ops.functionA.*", "[2]"},
      {R"({"a": [1]})", "a.*", "null"},
      {R"({"a": {"x": {"y": 1}, "z": {"y": 2}}})", "a.*.y", "[1, 2]"},
      {R"({"x": 1, "y": 2})", "*", "[1, 2]"},
  });
}

TEST(JmespathTest, Flatten) {
  const char* reservations =
      R"({"reservations": [{"instances": [{"state": "running"}, {"state": "stopped"}]},
                           {"instances": [{"state": "terminated"}, {"state": "running"}]}]})";
  ExpectCases({
      {reservations, "reservations[*].instances[*].state",
       R"([["running", "stopped"], ["terminated", "running"]])"},
      {reservations, "reservations[].instances[].state",
       R"(["running", "stopped", "terminated", "running"])"},
      {"[[0, 1], 2, [3], 4, [5, [6, 7]]]", "[]", "[0, 1, 2, 3, 4, 5, [6, 7]]"},
      {"[[0, 1], 2, [3], 4, [5, [6, 7]]]", "[][]", "[0, 1, 2, 3, 4, 5, 6, 7]"},
      {R"({"a": 1})", "a[]", "null"},
      {R"({"Reservations": [{"Instances": [{"State": {"Name": "running"}}]}]})",
       "Reservations[].Instances[].State.Name", R"(["running"])"},
  });
}

TEST(JmespathTest, Filters) {
  const char* machines = R"({"machines": [{"name": "a", "state": "running"},
                                          {"name": "b", "state": "stopped"},
                                          {"name": "c", "state": "running"}]})";
  ExpectCases({
      {machines, "machines[?state=='running'].name", R"(["a", "c"])"},
      {machines, "machines[?state!='running'].name", R"(["b"])"},
      {machines, "machines[?state=='running'] | [0].name", R"("a")"},
      {R"({"a": [{"n": 1}, {"n": 5}, {"n": 10}]})", "a[?n > `4`].n", "[5, 10]"},
      {R"({"a": [{"n": 1}, {"n": 5}, {"n": 10}]})", "a[?n >= `5`].n", "[5, 10]"},
      {R"({"a": [{"n": 1}, {"n": 5}, {"n": 10}]})", "a[?n < `5`].n", "[1]"},
      {R"({"a": [{"n": 1}, {"n": 5}, {"n": 10}]})", "a[?n <= `5`].n", "[1, 5]"},
      {R"({"a": [{"n": 1}, {"n": "x"}]})", "a[?n > `0`].n", "[1]"},
      {R"({"a": [{"b": true}, {"b": false}, {"c": 1}]})", "a[?b]", R"([{"b": true}])"},
      {R"({"a": [{"x": 1, "y": 1}, {"x": 1, "y": 2}]})", "a[?x == y]", R"([{"x": 1, "y": 1}])"},
      {R"({"a": [[1, 2], [3]]})", "a[?length(@) > `1`]", "[[1, 2]]"},
      {R"({"a": [{"t": {"k": 1}}, {"t": {"k": 1.0}}]})", "a[?t == `{\"k\": 1}`]",
       R"([{"t": {"k": 1}}, {"t": {"k": 1.0}}])"},
      {R"({"a": ["x", "y"]})", "a[?@ > 'x']", R"(["y"])"},
      {R"({"Tags": [{"Key": "Name", "Value": "web"}]})", "Tags[?Key=='Name'].Value | [0]",
       R"("web")"},
  });
}

TEST(JmespathTest, MultiSelect) {
  const char* data = R"({"foo": {"bar": "bar", "baz": "baz", "qux": "qux"}})";
  ExpectCases({
      {data, "foo.[bar, baz]", R"(["bar", "baz"])"},
      {data, "foo.{bar: bar, baz: baz}", R"({"bar": "bar", "baz": "baz"})"},
      {data, R"(foo.{"a b": bar})", R"({"a b": "bar"})"},
      {data, "missing.[a, b]", "null"},
      {data, "missing.{a: a}", "null"},
      {R"({"people": [{"name": "a", "age": 1}, {"name": "b", "age": 2}]})", "people[].[name, age]",
       R"([["a", 1], ["b", 2]])"},
      {R"({"people": [{"name": "a", "age": 1}, {"name": "b", "age": 2}]})", "people[].{N: name}",
       R"([{"N": "a"}, {"N": "b"}])"},
      {R"({"a": 1, "b": 2})", "[a, b]", "[1, 2]"},
      {R"({"a": 1, "b": 2})", "{x: a, y: [b, `3`]}", R"({"x": 1, "y": [2, 3]})"},
  });
}

TEST(JmespathTest, PipesAndBooleans) {
  ExpectCases({
      {R"({"foo": {"bar": {"baz": "one"}}})", "foo | bar | baz", R"("one")"},
      {R"({"foo": [{"bar": [1, 2]}, {"bar": [3]}]})", "foo[*].bar | [0]", "[1, 2]"},
      {R"({"a": null, "b": "x"})", "a || b", R"("x")"},
      {R"({"a": "", "b": "x"})", "a || b", R"("x")"},
      {R"({"a": [], "b": 0})", "a || b", "0"},
      {R"({"a": "x", "b": "y"})", "a && b", R"("y")"},
      {R"({"a": {}, "b": "y"})", "a && b", "{}"},
      {R"({"a": 0})", "!a", "false"},
      {R"({"a": []})", "!a", "true"},
      {R"({"a": true, "b": false})", "!a || b", "false"},
      {R"({"a": true, "b": false, "c": true})", "a && b || c", "true"},
      {R"({"a": false, "b": true})", "(a || b) && b", "true"},
      {R"({"a": 1})", "a == `1.0`", "true"},
      {R"({"a": true})", "a == `1`", "false"},
      {R"({"a": [1, 2]})", "a == `[1, 2]`", "true"},
      {R"({"a": {"x": 1, "y": 2}})", R"(a == `{"y": 2, "x": 1}`)", "true"},
  });
}

TEST(JmespathTest, LiteralsAndRawStrings) {
  ExpectCases({
      {"{}", "`\"foo\"`", R"("foo")"},
      {"{}", "`[1, {\"a\": true}]`", R"([1, {"a": true}])"},
      {"{}", "`foo`", R"("foo")"},  // legacy literal without quotes
      {"{}", "`\"with \\` tick\"`", R"("with ` tick")"},
      {"{}", "'raw'", R"("raw")"},
      {"{}", R"('it\'s')", R"("it's")"},
      {"{}", R"('back\slash')", R"("back\\slash")"},
      {R"({"a": 1})", "@", R"({"a": 1})"},
      {R"({"a": [1, 2]})", "a[?@ == `2`]", "[2]"},
  });
}

TEST(JmespathTest, Functions) {
  const char* data = R"({
    "numbers": [-1, 3, 4, 5], "decimals": [1.01, 1.2, -1.5], "strings": ["a", "b", "c"],
    "people": [{"name": "b", "age": 30}, {"name": "a", "age": 50}, {"name": "c", "age": 10}],
    "objects": {"foo": "bar", "bar": "baz"}, "empty": [], "str": "Str", "n": -1,
    "mixed": [1, "a"]
  })";
  ExpectCases({
      {data, "abs(n)", "1"},
      {data, "abs(`-2.5`)", "2.5"},
      {data, "avg(numbers)", "2.75"},
      {data, "avg(empty)", "null"},
      {data, "ceil(`1.2`)", "2"},
      {data, "floor(decimals[2])", "-2"},
      {data, "contains('foobar', 'foo')", "true"},
      {data, "contains(strings, 'b')", "true"},
      {data, "contains(numbers, `7`)", "false"},
      {data, "ends_with(str, 'r')", "true"},
      {data, "starts_with(str, 'S')", "true"},
      {data, "join(', ', strings)", R"("a, b, c")"},
      {data, "join('', empty)", R"("")"},
      {data, "keys(objects)", R"(["foo", "bar"])"},
      {data, "values(objects)", R"(["bar", "baz"])"},
      {data, "length(str)", "3"},
      {data, "length('\u2603x')", "2"},
      {data, "length(numbers)", "4"},
      {data, "length(objects)", "2"},
      {data, "map(&age, people)", "[30, 50, 10]"},
      {data, "map(&missing, people)", "[null, null, null]"},
      {data, "max(numbers)", "5"},
      {data, "max(strings)", R"("c")"},
      {data, "max(empty)", "null"},
      {data, "min(numbers)", "-1"},
      {data, "max_by(people, &age).name", R"("a")"},
      {data, "min_by(people, &age).name", R"("c")"},
      {data, R"(merge(`{"a": 1}`, `{"a": 2, "b": 3}`))", R"({"a": 2, "b": 3})"},
      {data, "not_null(missing, n, str)", "-1"},
      {data, "not_null(missing)", "null"},
      {data, "reverse(numbers)", "[5, 4, 3, -1]"},
      {data, "reverse(str)", R"("rtS")"},
      {data, "sort(numbers)", "[-1, 3, 4, 5]"},
      {data, "sort(`[\"c\", \"a\", \"b\"]`)", R"(["a", "b", "c"])"},
      {data, "sort_by(people, &age)[].name", R"(["c", "b", "a"])"},
      {data, "sort_by(people, &name)[].age", "[50, 30, 10]"},
      {data, "sum(numbers)", "11"},
      {data, "sum(`[1.5, 2.5]`)", "4.0"},
      {data, "sum(empty)", "0"},
      {data, "to_array(str)", R"(["Str"])"},
      {data, "to_array(numbers)", "[-1, 3, 4, 5]"},
      {data, "to_string(numbers)", R"("[-1,3,4,5]")"},
      {data, "to_string(str)", R"("Str")"},
      {data, "to_number('1.5')", "1.5"},
      {data, "to_number('abc')", "null"},
      {data, "to_number(n)", "-1"},
      {data, "type(objects)", R"("object")"},
      {data, "type(n)", R"("number")"},
      {data, "type(missing)", R"("null")"},
      {data, "people[?age > `20`].name | sort(@) | join('-', @)", R"("a-b")"},
  });
}

TEST(JmespathTest, RuntimeTypeErrorsAreReported) {
  Json data = J(R"({"str": "x", "mixed": [1, "a"], "people": [{"a": 1}, {"a": "x"}]})");
  for (const char* expression :
       {"abs(str)", "avg(mixed)", "sort(mixed)", "max(mixed)", "sort_by(people, &a)",
        "join(',', mixed)", "keys(str)", "length(`1`)", "map(&a, str)"}) {
    SCOPED_TRACE(expression);
    Result<Json> result = Search(expression, data);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  }
  Result<Json> result = Search("abs(str)", data);
  EXPECT_NE(result.status().message().find("abs(): argument 1 must be number, got string"),
            std::string::npos)
      << result.status().message();
}

TEST(JmespathTest, SyntaxErrorsNameTheColumn) {
  for (const char* expression :
       {"foo[",      "foo.",       "foo..bar",  "[",   "foo[?a ==]",   "unknown(@)", "abs()",
        "abs(@, @)", "\"foo\"(@)", "foo = bar", "{a}", "foo[1:2:3:4]", "foo[::0]",   "`[1,",
        "'abc",      "a ||",       "foo]",      "#",   "(foo",         "foo.[a",     "1"}) {
    SCOPED_TRACE(expression);
    Result<Expression> compiled = Expression::Compile(expression);
    ASSERT_FALSE(compiled.ok());
    EXPECT_EQ(compiled.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(compiled.status().message().find("column"), std::string::npos);
  }
  Result<Expression> compiled = Expression::Compile("foo[?a ==]");
  EXPECT_NE(compiled.status().message().find("column 10"), std::string::npos)
      << compiled.status().message();
  std::string deep(10000, '(');
  EXPECT_NE(Expression::Compile(deep + "a").status().message().find("nested too deeply"),
            std::string::npos);
  Result<Expression> unknown = Expression::Compile("lenght(@)");
  EXPECT_NE(unknown.status().message().find("unknown function 'lenght()'"), std::string::npos);
}

TEST(JmespathTest, CompiledExpressionsAreReusable) {
  Result<Expression> compiled = Expression::Compile("a[].b");
  ASSERT_TRUE(compiled.ok());
  EXPECT_EQ(compiled->text(), "a[].b");
  Expression copy = *compiled;
  EXPECT_EQ(copy.Search(J(R"({"a": [{"b": 1}]})")).value(), J("[1]"));
  EXPECT_EQ(compiled->Search(J(R"({"a": [{"b": 2}]})")).value(), J("[2]"));
}

TEST(JmespathTest, TruthinessFollowsTheSpecification) {
  EXPECT_FALSE(IsTruthy(J("null")));
  EXPECT_FALSE(IsTruthy(J("false")));
  EXPECT_FALSE(IsTruthy(J("\"\"")));
  EXPECT_FALSE(IsTruthy(J("[]")));
  EXPECT_FALSE(IsTruthy(J("{}")));
  EXPECT_TRUE(IsTruthy(J("0")));
  EXPECT_TRUE(IsTruthy(J("\" \"")));
  EXPECT_TRUE(IsTruthy(J("[null]")));
}

}  // namespace
}  // namespace vueops::jmespath
