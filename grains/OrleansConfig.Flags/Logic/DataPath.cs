using System.Globalization;

namespace OrleansConfig.Flags.Logic;

/// <summary>Dotted paths into the data, split and followed as flagd's JsonLogic engine does.</summary>
internal static class DataPath
{
    /// <summary>
    /// Splits a path on '.', where "\." is a literal dot and "\\" a literal backslash.
    /// "" is one empty segment and ".a" two segments, the first empty.
    /// </summary>
    public static string[] Split(string path)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\\' && i + 1 < path.Length && path[i + 1] is '.' or '/' or '\\')
            {
                current.Append(path[i + 1]);
                i++;
            }
            else if (c == '.')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        // A path made only of dots yields one segment per dot: "." is [""], ".." is ["", ""].
        if (parts.Count != path.Length)
        {
            parts.Add(current.ToString());
        }

        return [.. parts];
    }

    /// <summary>
    /// Reads one property as JavaScript's <c>value[name]</c> does for JSON data: an object's
    /// member, an array's or a string's element by index or its length. False when undefined.
    /// </summary>
    public static bool TryGetProperty(LogicValue value, string name, out LogicValue result)
    {
        switch (value.Kind)
        {
            case LogicKind.Object:
                return value.Object.TryGetValue(name, out result);
            case LogicKind.Array:
                return TryGetIndexed(value.Array.Length, name, i => value.Array[i], out result);
            case LogicKind.String:
                var text = value.String;

                return TryGetIndexed(text.Length, name, i => LogicValue.FromString(text[i].ToString()), out result);
            default:
                result = LogicValue.Null;

                return false;
        }
    }

    private static bool TryGetIndexed(int length, string name, Func<int, LogicValue> item, out LogicValue result)
    {
        if (name == "length")
        {
            result = LogicValue.FromNumber(length);

            return true;
        }

        if (IsArrayIndex(name, out var index) && index < length)
        {
            result = item(index);

            return true;
        }

        result = LogicValue.Null;

        return false;
    }

    // A canonical array index: "0" or digits without a leading zero.
    private static bool IsArrayIndex(string name, out int index)
    {
        index = 0;

        return name.Length > 0
            && (name.Length == 1 || name[0] != '0')
            && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
