namespace OrleansConfig.LoadTests.Platform.Reporting;

/// <summary>A part of the report, rendered alike to Markdown and HTML.</summary>
public abstract record ReportBlock;

public sealed record ReportHeading(int Level, string Text) : ReportBlock;

public sealed record ReportParagraph(string Text) : ReportBlock;

public sealed record ReportList(IReadOnlyList<string> Items) : ReportBlock;

public sealed record ReportTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;

/// <summary>A PNG file in the report's folder, named relative to it.</summary>
public sealed record ReportImage(string File, string Caption) : ReportBlock;

/// <summary>The report as a list of blocks.</summary>
public sealed class ReportDocument
{
    private readonly List<ReportBlock> _blocks = [];

    public IReadOnlyList<ReportBlock> Blocks => _blocks;

    public ReportDocument Heading(int level, string text) => Add(new ReportHeading(level, text));

    public ReportDocument Paragraph(string text) => Add(new ReportParagraph(text));

    public ReportDocument List(IEnumerable<string> items) => Add(new ReportList([.. items]));

    public ReportDocument Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) =>
        Add(new ReportTable(header, [.. rows]));

    public ReportDocument Image(string file, string caption) => Add(new ReportImage(file, caption));

    private ReportDocument Add(ReportBlock block)
    {
        _blocks.Add(block);

        return this;
    }
}
