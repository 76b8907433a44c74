namespace Monitor.Nlp.Topics;

/// <summary>A topic model trained from any labelled CSV (the government taxonomy, a county's own labels).</summary>
public sealed class TopicTrainingOptions
{
    public required string DataFile { get; init; }

    /// <summary>Columns joined (by a line break) into the text, e.g. title and body.</summary>
    public required IReadOnlyList<string> TextColumns { get; init; }

    public required string LabelColumn { get; init; }

    /// <summary>Receives <c>model.zip</c> and <c>CARD.md</c>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>CSV files with the same text columns and no labels: they count towards the IDF (see <see cref="TopicTraining"/>).</summary>
    public IReadOnlyList<string> UnlabeledFiles { get; init; } = [];

    /// <summary>A CSV whose first column is a label and whose other columns are keywords of it (label_taxonomy.csv).</summary>
    public string? TaxonomyFile { get; init; }

    /// <summary>The command that rebuilds the model, written into the card.</summary>
    public string Command { get; init; } = "./monitor train topic";

    public int Seed { get; init; } = 1;
}
