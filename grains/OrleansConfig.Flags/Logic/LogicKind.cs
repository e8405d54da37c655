namespace OrleansConfig.Flags.Logic;

/// <summary>The JSON type of a <see cref="LogicValue"/>.</summary>
internal enum LogicKind : byte
{
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}
