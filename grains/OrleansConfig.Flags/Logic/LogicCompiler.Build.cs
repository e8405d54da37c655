using System.Text.Json;

namespace OrleansConfig.Flags.Logic;

internal static partial class LogicCompiler
{
    private static LogicNode Build(string name, JsonElement arguments, string path)
    {
        var argumentsPath = $"{path}['{name}']";

        return name switch
        {
            "var" => BuildVar(arguments, argumentsPath),
            "missing" => new MissingNode(ArgumentList(arguments, argumentsPath)),
            "missing_some" => BuildMissingSome(arguments, argumentsPath),
            "if" or "?:" => Lazy(arguments, argumentsPath, items => new IfNode(items)),
            "and" or "or" => Lazy(arguments, argumentsPath, items => new AndOrNode(items, name == "and")),
            "==" or "!=" or "===" or "!==" or "<" or "<=" or ">" or ">=" =>
                Lazy(arguments, argumentsPath, items => new ComparisonNode(Comparison(name), items)),
            "!" or "!!" => new NotNode(FirstOperand(arguments, argumentsPath), name == "!!"),
            "+" or "-" or "*" or "/" or "%" => BuildArithmetic(Arithmetic(name), arguments, argumentsPath),
            "max" or "min" => new MinMaxNode(ArgumentList(arguments, argumentsPath), name == "max"),
            "map" or "filter" or "all" or "some" or "none" => BuildIteration(name, arguments, argumentsPath),
            "reduce" => BuildReduce(arguments, argumentsPath),
            "merge" => new MergeNode(ArgumentList(arguments, argumentsPath)),
            "in" => new InNode(Argument(arguments, 0, argumentsPath), Argument(arguments, 1, argumentsPath)),
            "cat" => BuildCat(arguments, argumentsPath),
            "substr" => new SubstrNode(Spread(arguments, argumentsPath, 3)),
            "fractional" => new FractionalNode(ArgumentList(arguments, argumentsPath)),
            "sem_ver" => new SemVerNode(ArgumentList(arguments, argumentsPath)),
            "starts_with" or "ends_with" => BuildStringComparison(arguments, argumentsPath, name == "starts_with"),
            _ => throw new LogicCompileException(path, $"'{name}' is not an operator flagd supports."),
        };
    }

    // The evaluated argument array: an array literal, one expression (whose value is used as
    // the array when it is one), or a single primitive.
    private static LogicNode ArgumentList(JsonElement arguments, string path) => arguments.ValueKind switch
    {
        JsonValueKind.Array or JsonValueKind.Object => Compile(arguments, path),
        _ => new LiteralNode(LogicValue.FromArray([LogicValue.FromJson(arguments)])),
    };

    // Operators that need an argument array in the rule itself and raise an error otherwise.
    private static LogicNode Lazy(JsonElement arguments, string path, Func<LogicNode[], LogicNode> create) =>
        arguments.ValueKind == JsonValueKind.Array
            ? create(CompileItems(arguments, path))
            : new FailNode("The operator needs an array of arguments.");

    private static LogicNode[] CompileItems(JsonElement arguments, string path)
    {
        var items = new LogicNode[arguments.GetArrayLength()];
        var index = 0;
        foreach (var item in arguments.EnumerateArray())
        {
            items[index] = Compile(item, $"{path}[{index}]");
            index++;
        }

        return items;
    }

    // Argument i of the evaluated argument array, for operators that read fixed positions.
    private static LogicNode Argument(JsonElement arguments, int index, string path)
    {
        if (arguments.ValueKind == JsonValueKind.Array)
        {
            return index < arguments.GetArrayLength()
                ? Compile(arguments[index], $"{path}[{index}]")
                : new LiteralNode(LogicValue.Null);
        }

        return new ItemNode(ArgumentList(arguments, path), index);
    }

    // The first `count` positional arguments; an argument that is not an array gives one.
    private static LogicNode[] Spread(JsonElement arguments, string path, int count)
    {
        var length = arguments.ValueKind == JsonValueKind.Array ? Math.Min(arguments.GetArrayLength(), count) : 1;
        var items = new LogicNode[length];
        for (var i = 0; i < length; i++)
        {
            items[i] = Argument(arguments, i, path);
        }

        return items;
    }

    private static LogicNode FirstOperand(JsonElement arguments, string path) => arguments.ValueKind switch
    {
        JsonValueKind.Array => Argument(arguments, 0, path),
        _ => Compile(arguments, path),
    };

    private static LogicNode BuildVar(JsonElement arguments, string path)
    {
        var isStaticForm = arguments.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null
            or JsonValueKind.False
            || (arguments.ValueKind == JsonValueKind.Array && arguments.GetArrayLength() <= 2);
        if (!isStaticForm)
        {
            return new DynamicVarNode(ArgumentList(arguments, path));
        }

        var key = arguments;
        LogicNode? fallback = null;
        if (arguments.ValueKind == JsonValueKind.Array)
        {
            key = arguments.GetArrayLength() > 0 ? arguments[0] : default;
            fallback = arguments.GetArrayLength() > 1 ? Compile(arguments[1], $"{path}[1]") : null;
        }

        if (key.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
            || (key.ValueKind == JsonValueKind.String && key.GetString()!.Length == 0))
        {
            return new VarNode(null, null);
        }

        if (key.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            return new DynamicVarNode(ArgumentList(arguments, path));
        }

        var text = JsConvert.ToJsString(LogicValue.FromJson(key));

        return new VarNode(DataPath.Split(text), fallback);
    }

    private static LogicNode BuildMissingSome(JsonElement arguments, string path)
    {
        if (arguments.ValueKind != JsonValueKind.Array)
        {
            throw new LogicCompileException(path, "missing_some needs [minimum, [path, …]].");
        }

        return new MissingSomeNode(Argument(arguments, 0, path), Argument(arguments, 1, path));
    }

    private static LogicNode BuildArithmetic(ArithmeticOperator op, JsonElement arguments, string path)
    {
        if (arguments.ValueKind == JsonValueKind.Object)
        {
            return new ArithmeticOverValueNode(op, Compile(arguments, path));
        }

        var operands = arguments.ValueKind == JsonValueKind.Array
            ? CompileItems(arguments, path)
            : [new LiteralNode(LogicValue.FromJson(arguments))];
        var minimum = op switch
        {
            ArithmeticOperator.Remainder => 2,
            ArithmeticOperator.Subtract or ArithmeticOperator.Divide => 1,
            _ => 0,
        };
        if (operands.Length < minimum)
        {
            throw new LogicCompileException(path, $"The operator needs at least {minimum} operand(s).");
        }

        // flagd's engine converts constant operands while compiling, so a bad one invalidates the rule.
        for (var i = 0; i < operands.Length; i++)
        {
            if (operands[i] is LiteralNode literal && !IsNumericConstant(literal.Value, op, i))
            {
                throw new LogicCompileException($"{path}[{i}]", "The constant operand is not a number.");
            }
        }

        return new ArithmeticNode(op, operands);
    }

    private static bool IsNumericConstant(LogicValue value, ArithmeticOperator op, int index)
    {
        if (value.Kind is LogicKind.Array or LogicKind.Object)
        {
            return false;
        }

        var number = JsConvert.ToNumber(value).Number;
        var isDivisor = op == ArithmeticOperator.Divide && index > 0;

        return !double.IsNaN(number) && !(isDivisor && number == 0);
    }

    private static LogicNode BuildCat(JsonElement arguments, string path) => arguments.ValueKind switch
    {
        JsonValueKind.Array => new CatNode(CompileItems(arguments, path)),
        JsonValueKind.Object => new CatOverValueNode(Compile(arguments, path)),
        _ => new CatNode([new LiteralNode(LogicValue.FromJson(arguments))]),
    };

    private static LogicNode BuildIteration(string name, JsonElement arguments, string path)
    {
        if (arguments.ValueKind != JsonValueKind.Array)
        {
            throw new LogicCompileException(path, $"{name} needs [array, expression].");
        }

        var kind = name switch
        {
            "map" => IterationKind.Map,
            "filter" => IterationKind.Filter,
            "all" => IterationKind.All,
            "some" => IterationKind.Some,
            _ => IterationKind.None,
        };

        return new IterationNode(kind, Argument(arguments, 0, path), Argument(arguments, 1, path));
    }

    private static LogicNode BuildReduce(JsonElement arguments, string path)
    {
        if (arguments.ValueKind != JsonValueKind.Array)
        {
            throw new LogicCompileException(path, "reduce needs [array, expression, initial].");
        }

        var initial = arguments.GetArrayLength() > 2 ? Argument(arguments, 2, path) : null;

        return new ReduceNode(Argument(arguments, 0, path), Argument(arguments, 1, path), initial);
    }

    private static LogicNode BuildStringComparison(JsonElement arguments, string path, bool isStartsWith) =>
        arguments.ValueKind == JsonValueKind.Array && arguments.GetArrayLength() == 2
            ? new StringComparisonNode(Argument(arguments, 0, path), Argument(arguments, 1, path), isStartsWith)
            : new StringComparisonNode(ArgumentList(arguments, path), isStartsWith);

    private static ComparisonOperator Comparison(string name) => name switch
    {
        "==" => ComparisonOperator.Equal,
        "!=" => ComparisonOperator.NotEqual,
        "===" => ComparisonOperator.StrictEqual,
        "!==" => ComparisonOperator.StrictNotEqual,
        "<" => ComparisonOperator.Less,
        "<=" => ComparisonOperator.LessOrEqual,
        ">" => ComparisonOperator.Greater,
        _ => ComparisonOperator.GreaterOrEqual,
    };

    private static ArithmeticOperator Arithmetic(string name) => name switch
    {
        "+" => ArithmeticOperator.Add,
        "-" => ArithmeticOperator.Subtract,
        "*" => ArithmeticOperator.Multiply,
        "/" => ArithmeticOperator.Divide,
        _ => ArithmeticOperator.Remainder,
    };
}
