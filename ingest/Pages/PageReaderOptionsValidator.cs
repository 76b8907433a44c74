using System.Globalization;
using Microsoft.Extensions.Options;

namespace Monitor.Ingest.Pages;

/// <summary>Lists every problem with <see cref="PageReaderOptions"/>, with the value found.</summary>
internal sealed class PageReaderOptionsValidator : IValidateOptions<PageReaderOptions>
{
    public ValidateOptionsResult Validate(string? name, PageReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string>? failures = null;
        if (PageCharset.TryGetEncoding(options.FallbackCharset) is null)
        {
            (failures ??= []).Add(
                $"{PageReaderOptions.SectionName}:FallbackCharset '{options.FallbackCharset}' is not an encoding name this host knows (try utf-8, gbk, gb18030, big5).");
        }

        if (options.MaxPageBytes < 1024)
        {
            (failures ??= []).Add(string.Create(CultureInfo.InvariantCulture,
                $"{PageReaderOptions.SectionName}:MaxPageBytes must be at least 1024, was {options.MaxPageBytes}."));
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
