using Microsoft.Extensions.Options;

namespace Monitor.Nlp;

/// <summary>Checks on start that the models the NLP services need are where <see cref="NlpOptions.ModelsPath"/> says.</summary>
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

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
