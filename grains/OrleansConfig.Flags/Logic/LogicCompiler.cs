using System.Text.Json;

namespace OrleansConfig.Flags.Logic;

/// <summary>
/// Compiles a targeting rule (with <c>$ref</c> already resolved) into <see cref="LogicNode"/>s.
/// </summary>
/// <remarks>
/// Like flagd's engine, the compiler evaluates once every subexpression that reads no context:
/// no var, missing, missing_some or flagd operator, though var may read the item inside an
/// iteration's body. An error there makes the whole rule invalid, even in a branch that would
/// never run.
/// </remarks>
internal static partial class LogicCompiler
{
    /// <summary>Compiles a rule. Throws <see cref="LogicCompileException"/> for an invalid one.</summary>
    public static LogicNode Compile(JsonElement rule) => Compile(rule, "$");

    private static LogicNode Compile(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                return CompileArray(element, path);
            case JsonValueKind.Object:
                var (name, arguments) = Operation(element, path);
                if (name is null)
                {
                    return new LiteralNode(LogicValue.FromJson(element));
                }

                var node = Build(name, arguments, path);

                return IsConstant(element, insideIteration: false) ? Fold(node, path) : node;
            default:
                return new LiteralNode(LogicValue.FromJson(element));
        }
    }

    private static LogicNode CompileArray(JsonElement element, string path)
    {
        var items = new LogicNode[element.GetArrayLength()];
        var index = 0;
        var allLiteral = true;
        foreach (var item in element.EnumerateArray())
        {
            items[index] = Compile(item, $"{path}[{index}]");
            allLiteral &= items[index] is LiteralNode;
            index++;
        }

        if (!allLiteral)
        {
            return new ArrayNode(items);
        }

        return new LiteralNode(LogicValue.FromArray(Array.ConvertAll(items, item => ((LiteralNode)item).Value)));
    }

    // Returns the operator and its argument, or a null name for the empty object, a literal.
    private static (string? Name, JsonElement Arguments) Operation(JsonElement element, string path)
    {
        string? name = null;
        var arguments = default(JsonElement);
        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            name ??= property.Name;
            arguments = count == 0 ? property.Value : arguments;
            count++;
        }

        if (count > 1)
        {
            throw new LogicCompileException(path,
                $"The object has {count} properties; a JsonLogic operation has exactly one.");
        }

        if (name == "$ref")
        {
            throw new LogicCompileException(path, $"The $ref {arguments} names no evaluator in $evaluators.");
        }

        if (name is not null && !LogicOperators.Names.Contains(name))
        {
            throw new LogicCompileException(path, $"'{name}' is not an operator flagd supports.");
        }

        return (name, arguments);
    }

    private static LogicNode Fold(LogicNode node, string path)
    {
        try
        {
            return new LiteralNode(node.Evaluate(Scope.ForFolding()));
        }
        catch (LogicEvaluationException exception)
        {
            throw new LogicCompileException(path, "The constant expression fails: " + exception.Message);
        }
    }

    /// <summary>
    /// Returns false only when no <c>var</c> in the rule can reach <c>$flagd</c>: every path is
    /// a constant that does not start with it, and none reads the whole data.
    /// </summary>
    public static bool MayReadFlagdProperties(JsonElement rule) => MayRead(rule, timestampOnly: false);

    /// <summary>
    /// Returns false only when no <c>var</c> in the rule can reach <c>$flagd.timestamp</c>, so its result does
    /// not change with time: like <see cref="MayReadFlagdProperties"/>, but <c>$flagd.flagKey</c> is allowed.
    /// </summary>
    public static bool MayReadTimestamp(JsonElement rule) => MayRead(rule, timestampOnly: true);

    private static bool MayRead(JsonElement rule, bool timestampOnly)
    {
        switch (rule.ValueKind)
        {
            case JsonValueKind.Array:
                return rule.EnumerateArray().Any(item => MayRead(item, timestampOnly));
            case JsonValueKind.Object:
                foreach (var property in rule.EnumerateObject())
                {
                    if (property.Name == "var"
                        ? MayReadFlagd(property.Value, timestampOnly)
                        : MayRead(property.Value, timestampOnly))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool MayReadFlagd(JsonElement arguments, bool timestampOnly)
    {
        var key = arguments.ValueKind == JsonValueKind.Array && arguments.GetArrayLength() > 0
            ? arguments[0] : arguments;
        if (arguments.ValueKind == JsonValueKind.Array && arguments.GetArrayLength() > 1
            && MayRead(arguments[1], timestampOnly))
        {
            return true;
        }

        return key.ValueKind switch
        {
            JsonValueKind.String =>
                key.GetString() is not { Length: > 0 } path
                    || (path.StartsWith("$flagd", StringComparison.Ordinal)
                        && !(timestampOnly && path == "$flagd.flagKey")),
            JsonValueKind.Number => false,
            _ => true,
        };
    }

    /// <summary>
    /// True for an expression that reads no context, which flagd's engine evaluates at compile
    /// time. Inside an iteration's body, var reads the item and counts as constant.
    /// </summary>
    private static bool IsConstant(JsonElement element, bool insideIteration)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (!IsConstant(item, insideIteration))
                {
                    return false;
                }
            }

            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        using var properties = element.EnumerateObject();
        if (!properties.MoveNext())
        {
            return true;
        }

        var (name, arguments) = (properties.Current.Name, properties.Current.Value);

        return name switch
        {
            "var" => insideIteration,
            "missing" => arguments.ValueKind == JsonValueKind.Array && arguments.GetArrayLength() == 0,
            "missing_some" => false,
            _ when LogicOperators.Custom.Contains(name) => false,
            _ when LogicOperators.Iterations.Contains(name) => IsIterationConstant(arguments, insideIteration),
            _ => IsConstant(arguments, insideIteration),
        };
    }

    // Only the array and the body count, as in flagd's engine: reduce's initial value does not.
    private static bool IsIterationConstant(JsonElement arguments, bool insideIteration)
    {
        if (arguments.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var length = arguments.GetArrayLength();

        return (length < 1 || IsConstant(arguments[0], insideIteration))
            && (length < 2 || IsConstant(arguments[1], insideIteration: true));
    }
}
