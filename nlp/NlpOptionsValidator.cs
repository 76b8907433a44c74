using Microsoft.Extensions.Options;

namespace Monitor.Nlp;

/// <summary>Checks on start that the models and user dictionaries the NLP services need exist; lists every failure.</summary>
internal sealed class NlpOptionsValidator : IValidateOptions<NlpOptions>
{
    public ValidateOptionsResult Validate(string? name, NlpOptions options)
    {
        List<string>? failures = null;
        if (string.IsNullOrWhiteSpace(options.ModelsPath))
        {
            (failures ??= []).Add($"{NlpOptions.SectionName}:{nameof(NlpOptions.ModelsPath)} must be set, was '{options.ModelsPath}'.");
        }
        else if (!File.Exists(options.SentimentModelPath))
        {
            (failures ??= []).Add(
                $"{NlpOptions.SectionName}:{nameof(NlpOptions.ModelsPath)} is '{options.ModelsPath}', but the sentiment model " +
                $"'{Path.GetFullPath(options.SentimentModelPath)}' does not exist; set {NlpOptions.SectionName}:{nameof(NlpOptions.ModelsPath)} " +
                "to the repository's models/ folder or train it with `./monitor train sentiment --data ../shared/data`.");
        }

        foreach (var path in options.EffectiveUserDictionaryPaths)
        {
            if (!File.Exists(path))
            {
                (failures ??= []).Add(
                    $"{NlpOptions.SectionName}:{nameof(NlpOptions.UserDictionaryPaths)}: the user dictionary '{Path.GetFullPath(path)}' does not exist" +
                    (path == Segmentation.TextSegmenterFactory.CountyDictionaryPath ? $" (set {NlpOptions.SectionName}:{nameof(NlpOptions.UseCountyDictionary)} to false to run without it)." : "."));
            }
        }

        if (options.IdfPath is { } idf && !File.Exists(idf))
        {
            (failures ??= []).Add($"{NlpOptions.SectionName}:{nameof(NlpOptions.IdfPath)}: the IDF file '{Path.GetFullPath(idf)}' does not exist.");
        }

        if (!Enum.IsDefined(options.SegmenterEngine))
        {
            (failures ??= []).Add($"{NlpOptions.SectionName}:{nameof(NlpOptions.SegmenterEngine)} must be fast or jiebanet, was '{options.SegmenterEngine}'.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
