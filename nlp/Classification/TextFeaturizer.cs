namespace Monitor.Nlp.Classification;

/// <summary>How <see cref="MulticlassPipeline"/> turns the word and character columns into features.</summary>
public enum TextFeaturizer
{
    /// <summary>Hashed n-gram counts, each block L2-normalized (the emotion model's features).</summary>
    HashedCounts,

    /// <summary>
    /// Dictionary n-grams (every n-gram seen in training, no hash collisions) weighted by TF-IDF with the IDF learned
    /// from the training rows and stored in the model, each block L2-normalized. Beat hashed counts on topics: IDF
    /// turns down the function words and characters every class shares.
    /// </summary>
    TfIdf,
}
