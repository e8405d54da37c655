namespace OrleansConfig.Flags.Logic;

/// <summary>
/// flagd's <c>fractional</c>: a deterministic weighted split. When the first argument evaluates
/// to a string, it is the bucketing value. Otherwise the flag key followed by the targeting key
/// is, and every argument is a bucket. Buckets are <c>[variant, weight]</c> or <c>[variant]</c>
/// (weight 1).
/// </summary>
/// <remarks>
/// <para>The bucketing value is hashed with MurmurHash3 x86 32-bit, seed 0, over its UTF-8 bytes.
/// The hash h maps to the point floor(h × total weight / 2^32) in [0, total weight), and the
/// first bucket whose cumulative weight exceeds the point wins, so the last bucket takes the top
/// of the range.</para>
/// <para>Without a bucketing value, a missing or null targeting key yields null (the flag's
/// default); an empty targeting key buckets on the flag key alone, as flagd's Go evaluator does.</para>
/// <para>Null also results from: a bucket that is not an array of one or two items, a variant
/// that is an array or object, a weight that is not an integer, a total weight above 2^31 − 1
/// or of zero. A negative weight counts as 0, as in @openfeature/flagd-core 4.</para>
/// </remarks>
internal sealed class FractionalNode(LogicNode arguments) : LogicNode
{
    private const long MaxTotalWeight = int.MaxValue;

    public override bool AssignsPrevious => arguments.AssignsPrevious;

    public override LogicValue Evaluate(in Scope scope)
    {
        var value = arguments.Evaluate(scope);
        LogicValue[] items = value.Kind == LogicKind.Array ? value.Array : [value];
        if (items.Length == 0 || !scope.HasFlagdProperties)
        {
            return LogicValue.Null;
        }

        uint hash;
        var buckets = items.AsSpan();
        if (items[0].IsString)
        {
            hash = MurmurHash3.Hash(items[0].String);
            buckets = buckets[1..];
        }
        else if (TargetingKey(scope) is { } targetingKey)
        {
            hash = MurmurHash3.Hash(scope.FlagKey, targetingKey);
        }
        else
        {
            return LogicValue.Null;
        }

        return Select(hash, buckets);
    }

    /// <summary>Returns the variant for a hash, or null when the buckets are invalid.</summary>
    public static LogicValue Select(uint hash, ReadOnlySpan<LogicValue> buckets)
    {
        long total = 0;
        foreach (var bucket in buckets)
        {
            if (!TryReadBucket(bucket, out _, out var weight))
            {
                return LogicValue.Null;
            }

            total += weight;
            if (total > MaxTotalWeight)
            {
                return LogicValue.Null;
            }
        }

        var point = (long)(((ulong)hash * (ulong)total) >> 32);
        long cumulative = 0;
        foreach (var bucket in buckets)
        {
            TryReadBucket(bucket, out var variant, out var weight);
            cumulative += weight;
            if (cumulative > point)
            {
                return variant;
            }
        }

        return LogicValue.Null;
    }

    // JavaScript's `!targetingKey` rejects every falsy key; the empty string is kept apart.
    private static string? TargetingKey(in Scope scope)
    {
        if (!scope.Data.Members.TryGetValue("targetingKey", out var key))
        {
            return null;
        }

        if (key.IsString)
        {
            return key.String;
        }

        return JsConvert.IsJsTruthy(key) ? JsConvert.ToJsString(key) : null;
    }

    private static bool TryReadBucket(LogicValue bucket, out LogicValue variant, out long weight)
    {
        variant = LogicValue.Null;
        weight = 1;
        if (bucket.Kind != LogicKind.Array || bucket.Array.Length is 0 or > 2)
        {
            return false;
        }

        variant = bucket.Array[0];
        if (variant.Kind is LogicKind.Array or LogicKind.Object)
        {
            return false;
        }

        if (bucket.Array.Length == 1)
        {
            return true;
        }

        var raw = bucket.Array[1];
        if (!raw.IsNumber || !double.IsFinite(raw.Number) || Math.Floor(raw.Number) != raw.Number)
        {
            return false;
        }

        // A weight above the maximum total only has to make the total exceed it.
        weight = (long)Math.Clamp(raw.Number, 0, MaxTotalWeight + 1);

        return true;
    }
}
