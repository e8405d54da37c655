using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags;

/// <summary>Reads the flag document of a PUT and checks it whole before the grain sees it.</summary>
public static class FlagDocumentInput
{
    private const string Example =
        """{"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off"}""";

    /// <summary>
    /// Reads the body as one flag document. Returns the document and its warnings, or a 400 for a
    /// body that is not a JSON object, or a 422 that lists every problem when any is an error.
    /// </summary>
    public static async Task<(FlagDocument? Document, IReadOnlyList<FlagProblemBody> Warnings, IResult? Problem)>
        ReadAsync(HttpRequest request, string key)
    {
        var (root, problem) = await RequestBodies.ReadObjectAsync(request, Example, FlagdReader.MaxDepth);
        if (problem is not null)
        {
            return (null, [], problem);
        }

        using var document = root!;
        var read = FlagDocument.Read(key, document.RootElement.GetRawText());
        var problems = FlagWritePolicy.Apply(read.Problems, [JsonPath.Root]);
        if (document.RootElement.TryGetProperty("lifecycle", out _))
        {
            problems.Add(new FlagDefinitionProblem(JsonPath.Member(JsonPath.Root, "lifecycle"),
                "A write keeps the flag's lifecycle, so this member is ignored; change the lifecycle with "
                + "POST …/archive, …/restore or …/lifecycle.", FlagProblemSeverity.Warning));
        }

        if (read.Definition is null || FlagWritePolicy.HasErrors(problems))
        {
            return (null, [], Invalid("The flag definition", problems));
        }

        return (read.Definition, problems.Select(FlagProblemBody.From).ToArray(), null);
    }

    /// <summary>
    /// Returns a 422 whose <c>problems</c> extension lists every problem, errors first, and whose
    /// detail names the first error.
    /// </summary>
    public static IResult Invalid(string subject, IReadOnlyList<FlagDefinitionProblem> problems, int? status = null)
    {
        var errors = problems.Count(p => p.Severity == FlagProblemSeverity.Error);
        var first = problems.First(p => p.Severity == FlagProblemSeverity.Error);
        var detail = $"{subject} has {errors} error(s), so nothing was written. The first is at {first.Path}: "
            + $"{first.Message} Fix every error listed in 'problems' and send it again.";

        return Problems.Create(status ?? StatusCodes.Status422UnprocessableEntity, detail,
            new Dictionary<string, object?> { ["problems"] = problems.Select(FlagProblemBody.From).ToArray() });
    }
}
