using System.Text.Json;

namespace OrleansConfig.Flags;

/// <summary>
/// Finds, in the places a targeting rule returns from, constants that name no variant, and
/// checks the buckets of every <c>fractional</c>. Follows <c>$ref</c> into <c>$evaluators</c>.
/// </summary>
internal sealed class TargetingChecker(
    IReadOnlyDictionary<string, JsonElement> variants,
    IReadOnlyDictionary<string, JsonElement> evaluators,
    List<FlagDefinitionProblem> problems)
{
    private readonly HashSet<string> _followed = new(StringComparer.Ordinal);

    /// <summary>Checks an expression whose value becomes the variant name.</summary>
    public void CheckResult(JsonElement rule, string path)
    {
        switch (rule.ValueKind)
        {
            case JsonValueKind.String:
            case JsonValueKind.True:
            case JsonValueKind.False:
            case JsonValueKind.Number:
                CheckVariantName(rule, path);
                break;
            case JsonValueKind.Array:
                CheckNested(rule, path);
                break;
            case JsonValueKind.Object:
                CheckOperation(rule, path);
                break;
        }
    }

    private void CheckOperation(JsonElement rule, string path)
    {
        if (RefResolver.RefName(rule) is { } name)
        {
            if (_followed.Add(name) && evaluators.TryGetValue(name, out var shared))
            {
                CheckResult(shared, JsonPath.Member("$['$evaluators']", name));
            }

            return;
        }

        foreach (var property in rule.EnumerateObject())
        {
            var argumentsPath = JsonPath.Member(path, property.Name);
            var arguments = property.Value;
            if (property.Name is "if" or "?:" && arguments.ValueKind == JsonValueKind.Array)
            {
                CheckIf(arguments, argumentsPath);
            }
            else if (property.Name == "fractional" && arguments.ValueKind == JsonValueKind.Array)
            {
                CheckFractional(arguments, argumentsPath);
            }
            else
            {
                CheckNested(arguments, argumentsPath);
            }
        }
    }

    // [condition, then, condition, then, …, else]: the then and else items are results.
    private void CheckIf(JsonElement arguments, string path)
    {
        var count = arguments.GetArrayLength();
        for (var i = 0; i < count; i++)
        {
            var isResult = (i % 2 == 1) || (i == count - 1 && count % 2 == 1 && count > 1);
            var itemPath = JsonPath.Index(path, i);
            if (isResult)
            {
                CheckResult(arguments[i], itemPath);
            }
            else
            {
                CheckNested(arguments[i], itemPath);
            }
        }
    }

    private void CheckFractional(JsonElement arguments, string path)
    {
        var index = 0;
        long total = 0;
        var buckets = 0;
        var allLiteral = true;
        foreach (var bucket in arguments.EnumerateArray())
        {
            var bucketPath = JsonPath.Index(path, index);
            if (bucket.ValueKind == JsonValueKind.Array)
            {
                var weight = CheckBucket(bucket, bucketPath);
                allLiteral &= weight is not null;
                total += weight ?? 0;
                buckets++;
            }
            else if (index > 0)
            {
                problems.Add(FlagdReader.Warning(bucketPath,
                    "A fractional bucket must be [variant, weight] or [variant]."));
            }
            else
            {
                CheckNested(bucket, bucketPath);
            }

            index++;
        }

        if (total > int.MaxValue)
        {
            problems.Add(FlagdReader.Warning(path,
                $"The weights add up to {total}, above 2147483647; fractional yields no variant."));
        }
        else if (total == 0 && buckets > 0 && allLiteral)
        {
            problems.Add(FlagdReader.Warning(path,
                "Every weight is 0, so fractional yields no variant; give at least one variant a weight above 0."));
        }
    }

    /// <summary>Checks one bucket; returns its weight, or null when the weight is computed or invalid.</summary>
    private long? CheckBucket(JsonElement bucket, string path)
    {
        var length = bucket.GetArrayLength();
        if (length is 0 or > 2)
        {
            problems.Add(FlagdReader.Warning(path,
                $"The bucket has {length} items; it must be [variant, weight] or [variant]."));

            return null;
        }

        CheckResult(bucket[0], JsonPath.Index(path, 0));
        if (length == 1)
        {
            return 1;
        }

        var weight = bucket[1];
        if (weight.ValueKind == JsonValueKind.Number && weight.TryGetInt64(out var value) && value >= 0)
        {
            return value;
        }

        if (weight.ValueKind == JsonValueKind.Object)
        {
            CheckNested(weight, JsonPath.Index(path, 1));

            return null;
        }

        problems.Add(FlagdReader.Warning(
            JsonPath.Index(path, 1), $"The weight {weight.GetRawText()} is not a whole number of 0 or more."));

        return null;
    }

    private void CheckNested(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            CheckOperation(element, path);
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                CheckNested(item, JsonPath.Index(path, index++));
            }
        }
    }

    private void CheckVariantName(JsonElement constant, string path)
    {
        var name = constant.ValueKind switch
        {
            JsonValueKind.String => constant.GetString()!,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => Logic.JsConvert.ToJsString(Logic.LogicValue.FromJson(constant)),
        };
        if (!variants.ContainsKey(name))
        {
            problems.Add(FlagdReader.Warning(
                path,
                $"The rule can return '{name}', which is not one of the variants: {FlagReader.Names(variants)}."));
        }
    }
}
