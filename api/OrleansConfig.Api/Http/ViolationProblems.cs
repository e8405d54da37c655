using OrleansConfig.Api.Schemas;
using OrleansConfig.Schemas;

namespace OrleansConfig.Api.Http;

/// <summary>The 422 response of a value that fails its schema: every violation with its path, rule and value.</summary>
public static class ViolationProblems
{
    public static IResult Create(string detail, IReadOnlyList<SchemaViolation> violations,
        IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>())
        {
            ["violations"] = ViolationBody.From(violations),
        };

        return Problems.Create(StatusCodes.Status422UnprocessableEntity, detail, all);
    }
}
