namespace OrleansConfig.Flags.Logic;

/// <summary>
/// <c>{"sem_ver": [version, operator, version]}</c> with the operators = != &lt; &lt;= &gt; &gt;=,
/// ^ (same major version) and ~ (same major and minor version). Null when an argument is invalid.
/// </summary>
internal sealed class SemVerNode(LogicNode arguments) : LogicNode
{
    public override bool AssignsPrevious => arguments.AssignsPrevious;

    public override LogicValue Evaluate(in Scope scope)
    {
        var value = arguments.Evaluate(scope);
        if (value.Kind != LogicKind.Array || value.Array.Length != 3)
        {
            return LogicValue.Null;
        }

        var left = SemanticVersion.Parse(JsConvert.ToJsString(value.Array[0]));
        var right = SemanticVersion.Parse(JsConvert.ToJsString(value.Array[2]));
        if (left is null || right is null)
        {
            return LogicValue.Null;
        }

        var order = left.CompareTo(right);

        return JsConvert.ToJsString(value.Array[1]) switch
        {
            "=" => LogicValue.FromBoolean(order == 0),
            "!=" => LogicValue.FromBoolean(order != 0),
            "<" => LogicValue.FromBoolean(order < 0),
            "<=" => LogicValue.FromBoolean(order <= 0),
            ">=" => LogicValue.FromBoolean(order >= 0),
            ">" => LogicValue.FromBoolean(order > 0),
            "^" => LogicValue.FromBoolean(left.Major == right.Major),
            "~" => LogicValue.FromBoolean(left.Major == right.Major && left.Minor == right.Minor),
            _ => LogicValue.Null,
        };
    }
}
