using System.Text.Json;
using Orleans.Storage;

namespace OrleansConfig.Hosting;

/// <summary>
/// Serializes grain state as plain System.Text.Json with camelCase names and no type names, so a
/// state class can be renamed or moved without breaking the rows already written. The environment
/// snapshot query depends on this shape.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input, Options);

    public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>(Options)!;
}
