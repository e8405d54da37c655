using System.Net;
using System.Text;

namespace OrleansConfig.LoadTests.Platform.Reporting;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML page: styles inline and every PNG
/// embedded as a data URI, so the page opens anywhere without its folder.
/// </summary>
public static class HtmlWriter
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
        table{border-collapse:collapse;margin:1em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:4px 8px}
        th{background:#f2f2f2;text-align:left}td{text-align:right}td:first-child{text-align:left}
        img{max-width:100%;border:1px solid #ddd}figure{margin:1em 0}figcaption{color:#555;font-size:.9em}
        """;

    /// <summary>Writes the page; <paramref name="folder"/> contains the images the document names.</summary>
    public static string Write(ReportDocument document, string title, string folder)
    {
        ArgumentNullException.ThrowIfNull(document);

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(title)).Append("</title><style>").Append(Style).AppendLine("</style></head><body>");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case ReportHeading heading:
                    html.Append(Tag("h", heading.Level)).Append(Encode(heading.Text))
                        .Append(Tag("/h", heading.Level)).AppendLine();
                    break;
                case ReportParagraph paragraph:
                    html.Append("<p>").Append(Encode(paragraph.Text)).AppendLine("</p>");
                    break;
                case ReportList list:
                    html.Append("<ul>").AppendJoin("", list.Items.Select(i => $"<li>{Encode(i)}</li>"))
                        .AppendLine("</ul>");
                    break;
                case ReportTable table:
                    WriteTable(html, table);
                    break;
                case ReportImage image:
                    WriteImage(html, image, folder);
                    break;
            }
        }

        return html.AppendLine("</body></html>").ToString();
    }

    private static void WriteTable(StringBuilder html, ReportTable table)
    {
        html.Append("<table><tr>").AppendJoin("", table.Header.Select(h => $"<th>{Encode(h)}</th>")).Append("</tr>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{Encode(c)}</td>")).Append("</tr>");
        }

        html.AppendLine("</table>");
    }

    private static void WriteImage(StringBuilder html, ReportImage image, string folder)
    {
        var path = Path.Combine(folder, image.File);
        html.Append("<figure>");
        if (File.Exists(path))
        {
            html.Append("<img alt=\"").Append(Encode(image.Caption)).Append("\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(File.ReadAllBytes(path))).Append("\">");
        }

        html.Append("<figcaption>").Append(Encode(image.Caption)).AppendLine("</figcaption></figure>");
    }

    private static string Tag(string name, int level) => $"<{name}{Math.Clamp(level, 1, 6)}>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
