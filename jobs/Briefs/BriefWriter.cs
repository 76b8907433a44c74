using System.Text;
using Microsoft.Extensions.Options;

namespace Monitor.Jobs.Briefs;

/// <summary>
/// Builds a brief and writes it to the briefs folder: <c>YYYY-MM-DD-daily.html</c> and <c>.xlsx</c> (weekly: the
/// Monday's date, <c>-weekly</c>). Written to a temporary name and moved, so a reader never sees half a file.
/// </summary>
internal sealed class BriefWriter(BriefBuilder builder, IOptions<BriefOptions> options, string dataDirectory)
{
    public string Folder => Path.Combine(dataDirectory, options.Value.Folder);

    /// <summary>Returns the path of the HTML file.</summary>
    public async Task<string> WriteAsync(BriefPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var brief = await builder.BuildAsync(period, cancellationToken);
        Directory.CreateDirectory(Folder);
        var html = Path.Combine(Folder, period.Stem + ".html");
        await File.WriteAllTextAsync(html + ".tmp", BriefHtml.Render(brief, options.Value.DashboardBaseUrl), new UTF8Encoding(false), cancellationToken);
        File.Move(html + ".tmp", html, overwrite: true);
        var xlsx = Path.Combine(Folder, period.Stem + ".xlsx");
        await using (var stream = File.Create(xlsx + ".tmp"))
        {
            BriefExcel.Write(brief, stream);
        }

        File.Move(xlsx + ".tmp", xlsx, overwrite: true);
        return html;
    }
}
