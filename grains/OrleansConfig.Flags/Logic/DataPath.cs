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
        if (value.Kind == LogicKind.Object)
        {
            return value.Members.TryGetValue(name, out result);
        }

        result = LogicValue.Null;
        var length = value.Kind switch
        {
            LogicKind.Array => value.Array.Length,
            LogicKind.String => value.String.Length,
            _ => -1,
        };
        if (length < 0)
        {
            return false;
        }

        if (name == "length")
        {
            result = LogicValue.FromNumber(length);

            return true;
        }

        if (!IsArrayIndex(name, out var index) || index >= length)
        {
            return false;
        }

        result = value.Kind == LogicKind.Array ? value.Array[index]
            : LogicValue.FromString(value.String[index].ToString());

        return true;
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
