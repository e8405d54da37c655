using System.Text;

namespace OrleansConfig.LoadTests.Platform.Reporting;

/// <summary>Renders a <see cref="ReportDocument"/> as GitHub-flavoured Markdown; images link to their files.</summary>
public static class MarkdownWriter
{
    public static string Write(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);

        var text = new StringBuilder();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case ReportHeading heading:
                    text.Append('#', heading.Level).Append(' ').AppendLine(heading.Text);
                    break;
                case ReportParagraph paragraph:
                    text.AppendLine(paragraph.Text);
                    break;
                case ReportList list:
                    foreach (var item in list.Items)
                    {
                        text.Append("- ").AppendLine(item);
                    }

                    break;
                case ReportTable table:
                    WriteTable(text, table);
                    break;
                case ReportImage image:
                    text.Append("![").Append(image.Caption).Append("](").Append(image.File).AppendLine(")");
                    break;
            }

            text.AppendLine();
        }

        return text.ToString().TrimEnd() + "\n";
    }

    private static void WriteTable(StringBuilder text, ReportTable table)
    {
        text.Append("| ").AppendJoin(" | ", table.Header.Select(Cell)).AppendLine(" |");
        text.Append('|').AppendJoin("", table.Header.Select(_ => "---|")).AppendLine();
        foreach (var row in table.Rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
        }
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal);
}
