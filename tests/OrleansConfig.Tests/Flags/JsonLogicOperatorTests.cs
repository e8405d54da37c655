using OrleansConfig.Flags.Logic;
using static OrleansConfig.Tests.Flags.FlagTestSets;

namespace OrleansConfig.Tests.Flags;

/// <summary>
/// The JsonLogic operators flagd supports, each with the result flagd's engine
/// (json-logic-engine 5 as run by @openfeature/flagd-core 4) gives.
/// </summary>
public sealed class JsonLogicOperatorTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { """{"var": "a.b"}""", """{"a": {"b": 3}}""", "3" },
        { """{"var": ["missing", "fallback"]}""", "{}", "\"fallback\"" },
        { """{"var": ["present", "fallback"]}""", """{"present": null}""", "\"fallback\"" },
        { """{"var": "list.1"}""", """{"list": [10, 20]}""", "20" },
        { """{"var": ""}""", """{"x": 1}""", """{"x":1,"$flagd":{"flagKey":"flag","timestamp":0}}""" },
        { """{"var": "a\\.b"}""", """{"a.b": 5}""", "5" },
        { """{"missing": ["a", "b.c", "n"]}""", """{"a": 1, "b": {"c": null}, "n": null}""", "[]" },
        { """{"missing": ["a", "z"]}""", """{"a": 1}""", "[\"z\"]" },
        { """{"missing_some": [1, ["a", "z"]]}""", """{"a": 1}""", "[]" },
        { """{"missing_some": [2, ["a", "z"]]}""", """{"a": 1}""", "[\"z\"]" },
        { """{"if": [true, "yes", "no"]}""", "{}", "\"yes\"" },
        { """{"if": [false, "a", 0, "b", "c"]}""", "{}", "\"c\"" },
        { """{"?:": [[], "a", "b"]}""", "{}", "\"b\"" },
        { """{"if": [{"var": "o"}, "a", "b"]}""", """{"o": {}}""", "\"b\"" },
        { """{"==": [1, "1"]}""", "{}", "true" },
        { """{"==": [null, 0]}""", "{}", "true" },
        { """{"===": [1, "1"]}""", "{}", "false" },
        { """{"!=": ["a", "b"]}""", "{}", "true" },
        { """{"!==": [1, 1.0]}""", "{}", "false" },
        { """{"!": [[]]}""", "{}", "true" },
        { """{"!!": ["0"]}""", "{}", "true" },
        { """{"!": {"var": "list"}}""", """{"list": [0]}""", "false" },
        { """{"or": [0, "", "x"]}""", "{}", "\"x\"" },
        { """{"or": [0, false]}""", "{}", "false" },
        { """{"and": [1, "a", 0, 2]}""", "{}", "0" },
        { """{">": [{"var": "n"}, 5]}""", """{"n": 6}""", "true" },
        { """{">=": ["b", "a"]}""", "{}", "true" },
        { """{"<": [1, {"var": "n"}, 10]}""", """{"n": 5}""", "true" },
        { """{"<": [1, {"var": "n"}, 10]}""", """{"n": 10}""", "false" },
        { """{"<=": [1, {"var": "n"}, 10]}""", """{"n": 10}""", "true" },
        { """{"<": [{"var": "n"}, {"var": "s"}]}""", """{"n": 1, "s": "word"}""", "false" },
        { """{"max": [1, 9, 3]}""", "{}", "9" },
        { """{"min": [4, -2]}""", "{}", "-2" },
        { """{"+": [1, "2", true]}""", "{}", "4" },
        { """{"-": [10, 4]}""", "{}", "6" },
        { """{"-": [3]}""", "{}", "-3" },
        { """{"*": [2, 2.5]}""", "{}", "5" },
        { """{"/": [1, 4]}""", "{}", "0.25" },
        { """{"%": [-7, 3]}""", "{}", "-1" },
        { """{"+": [0.1, 0.2]}""", "{}", "0.30000000000000004" },
        { """{"map": [[1, 2, 3], {"*": [{"var": ""}, 2]}]}""", "{}", "[2,4,6]" },
        { """{"filter": [{"var": "l"}, {">": [{"var": ""}, 1]}]}""", """{"l": [1, 2, 3]}""", "[2,3]" },
        { """{"reduce": [{"var": "l"}, {"+": [{"var": "accumulator"}, {"var": "current"}]}, 0]}""",
            """{"l": [1, 2, 3]}""", "6" },
        { """{"all": [[], {"var": ""}]}""", "{}", "false" },
        { """{"all": [{"var": "missing"}, {"var": ""}]}""", "{}", "true" },
        { """{"some": [{"var": "l"}, {"==": [{"var": ""}, 2]}]}""", """{"l": [1, 2]}""", "true" },
        { """{"none": [{"var": "l"}, {"==": [{"var": ""}, 2]}]}""", """{"l": [1, 2]}""", "false" },
        { """{"merge": [1, [2, [3]], {"var": "l"}]}""", """{"l": [4]}""", "[1,2,[3],4]" },
        { """{"in": ["b", ["a", "b"]]}""", "{}", "true" },
        { """{"in": ["ell", "hello"]}""", "{}", "true" },
        { """{"in": ["x", {"var": "missing"}]}""", "{}", "false" },
        { """{"cat": ["a", 1, true, {"var": "missing"}]}""", "{}", "\"a1truenull\"" },
        { """{"cat": ["a", null]}""", "{}", "\"a\"" },
        { """{"cat": [1e21, 0.5, [1, 2]]}""", "{}", "\"1e+210.51,2\"" },
        { """{"substr": ["jsonlogic", 4]}""", "{}", "\"logic\"" },
        { """{"substr": ["jsonlogic", -5]}""", "{}", "\"logic\"" },
        { """{"substr": ["jsonlogic", 1, 3]}""", "{}", "\"son\"" },
        { """{"substr": ["jsonlogic", 4, -2]}""", "{}", "\"log\"" },
        { """{"starts_with": [{"var": "e"}, "adm"]}""", """{"e": "admin@x"}""", "true" },
        { """{"ends_with": [{"var": "e"}, "@x"]}""", """{"e": "admin@x"}""", "true" },
        { """{"ends_with": [{"var": "e"}, 3]}""", """{"e": "a3"}""", "null" },
        { """{"var": "$flagd.flagKey"}""", "{}", "\"flag\"" },
        { """{"var": "$flagd.timestamp"}""", """{"$flagd": {"timestamp": 5}}""", "0" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Operator_GivesFlagdResult(string rule, string data, string expected)
    {
        Assert.Equal(expected, Evaluate(rule, data));
    }

    public static TheoryData<string, string> FailingCases => new()
    {
        { """{"<": [{"var": "s"}, 1]}""", """{"s": "word"}""" },
        { """{"+": [{"var": "l"}, 1]}""", """{"l": [1]}""" },
        { """{"/": [1, {"var": "z"}]}""", """{"z": 0}""" },
        { """{"max": [1, {"var": "s"}]}""", """{"s": "2"}""" },
        { """{"in": ["a", {"var": "n"}]}""", """{"n": 5}""" },
        { """{"substr": [{"var": "n"}, 1]}""", """{"n": 5}""" },
        { """{"reduce": [{"var": "l"}, {"var": "current"}]}""", """{"l": []}""" },
    };

    [Theory]
    [MemberData(nameof(FailingCases))]
    public void Operator_RaisesWhereFlagdThrows(string rule, string data)
    {
        Assert.Throws<LogicEvaluationException>(() => Evaluate(rule, data));
    }

    [Theory]
    [InlineData("""{"nope": [1]}""")]
    [InlineData("""{"==": [1, 1], "!=": [1, 2]}""")]
    [InlineData("""{"if": [{"var": "x"}, {"+": ["a", 1]}, "b"]}""")]
    [InlineData("""{"%": [1]}""")]
    [InlineData("""{"map": {"var": "x"}}""")]
    public void InvalidRule_FailsToCompile(string rule)
    {
        Assert.Throws<LogicCompileException>(() => Evaluate(rule));
    }

    [Fact]
    public void DataPath_SplitsOnUnescapedDots()
    {
        Assert.Equal(["a", "b.c", "d\\"], DataPath.Split("a.b\\.c.d\\\\"));
    }
}
