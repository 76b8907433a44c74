namespace Monitor.Nlp.Sentiment;

/// <summary>Where the training corpora are and where the model and its card go.</summary>
public sealed class SentimentTrainingOptions
{
    /// <summary>The folder holding the corpus folders, like <c>shared/data</c>.</summary>
    public required string DataRoot { get; init; }

    /// <summary>Receives <c>model.zip</c> and <c>CARD.md</c>.</summary>
    public required string OutputDirectory { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>The command that rebuilds the model, written into the card.</summary>
    public string Command { get; init; } = "./monitor train sentiment --data ../shared/data";
}
