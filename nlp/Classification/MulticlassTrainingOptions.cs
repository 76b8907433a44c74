namespace Monitor.Nlp.Classification;

/// <summary>What a multiclass text model is trained from, which settings are tried, and where it goes.</summary>
public sealed class MulticlassTrainingOptions
{
    /// <summary>The task name (<c>emotion</c>, <c>topic</c>); prefixes the model version.</summary>
    public required string Name { get; init; }

    /// <summary>Receives <c>model.zip</c> and <c>CARD.md</c>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The command that rebuilds the model, written into the card.</summary>
    public required string Command { get; init; }

    /// <summary>One line naming the data (files, columns), written into the card.</summary>
    public required string DataDescription { get; init; }

    public int Seed { get; init; } = 1;

    public int WordBits { get; init; } = 18;

    public int CharBits { get; init; } = 18;

    /// <summary>Word n-grams 1…this over the jieba tokens.</summary>
    public int WordNgrams { get; init; } = 2;

    /// <summary>Character n-grams 1…this over the raw text.</summary>
    public int CharNgrams { get; init; } = 3;

    /// <summary>L2 strengths tried for the maximum-entropy trainer (chosen on the tuning rows).</summary>
    public IReadOnlyList<float> L2Candidates { get; init; } = [0.003f, 0.03f];

    /// <summary>Class-weight exponents tried: a row of class c weighs (largest class / size of c)^exponent.</summary>
    public IReadOnlyList<double> BalanceCandidates { get; init; } = [0, 0.5];

    /// <summary>Unlabelled texts: they count towards the IDF, and for self-training settings confident predictions are added as weighted pseudo-labels.</summary>
    public IReadOnlyList<string> Unlabeled { get; init; } = [];

    /// <summary>When false, the unlabelled texts only sharpen the IDF and no self-training setting is tried.</summary>
    public bool TrySelfTraining { get; init; } = true;

    public double PseudoLabelThreshold { get; init; } = 0.7;

    public float PseudoLabelWeight { get; init; } = 0.3f;

    /// <summary>Rows always trained on but never evaluated (taxonomy keyword documents).</summary>
    public IReadOnlyList<LabeledText> Seeds { get; init; } = [];

    /// <summary>Slots seen in fewer training rows are dropped.</summary>
    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>L-BFGS iterations at most.</summary>
    public int MaximumIterations { get; init; } = 100;

    /// <summary>When true, per-class log-odds offsets are chosen on the held-out predictions to maximise macro-F1 (<see cref="ClassOffsets"/>).</summary>
    public bool TuneClassOffsets { get; init; } = true;

    /// <summary>Fit a probability temperature on the held-out predictions that chose the setting (<see cref="ProbabilityTemperature"/>).</summary>
    public bool CalibrateTemperature { get; init; } = true;

    /// <summary>
    /// When true, a second model is trained on each row's first line (a government message's title) and the two are
    /// served together (<see cref="Topics.FirstLineTopicClassifier"/>, saved in its folder beside <c>model.zip</c>).
    /// </summary>
    public bool FirstLineModel { get; init; }

    /// <summary>When true, every fold of the 10-fold hash split is also scored by a model trained without it (small data).</summary>
    public bool CrossValidate { get; init; }
}
