using System.Security.Cryptography;
using Microsoft.ML;

namespace Monitor.Nlp.Classification;

/// <summary>Loads a trained multiclass text model (emotion, topic, a county's own taxonomy).</summary>
public static class TextClassifierFactory
{
    /// <summary>
    /// Loads <paramref name="modelZipPath"/>; the returned classifier is safe to share across threads and implements
    /// every task interface (<see cref="Emotion.IEmotionClassifier"/>, <see cref="Topics.ITopicClassifier"/>).
    /// </summary>
    public static ITextClassifier Load(string modelZipPath, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelZipPath);
        if (Directory.Exists(modelZipPath))
        {
            modelZipPath = Path.Combine(modelZipPath, "model.zip");
        }

        if (!File.Exists(modelZipPath))
        {
            throw new FileNotFoundException(
                $"The {name} model was not found at '{Path.GetFullPath(modelZipPath)}'; train it with `./monitor train {name}` (see its CARD.md).",
                modelZipPath);
        }

        // A topic model with a first-line part (Topics.FirstLineTopicClassifier) keeps it in a folder beside model.zip.
        var firstLine = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelZipPath))!, Topics.FirstLineTopicClassifier.FolderName, "model.zip");
        if (File.Exists(firstLine))
        {
            return new Topics.FirstLineTopicClassifier(LoadOne(modelZipPath, name), LoadOne(firstLine, name));
        }

        return LoadOne(modelZipPath, name);
    }

    private static ITextClassifier LoadOne(string modelZipPath, string name)
    {
        if (HashedModelFiles.HasFeatures(modelZipPath))
        {
            var (hashedMl, hashedModel, hashedSchema, features) = HashedModelFiles.Load(modelZipPath);
            return new HashedTextClassifier(hashedMl, hashedModel, hashedSchema, features, ModelVersionOf(modelZipPath, name));
        }

        var ml = new MLContext(seed: 1);
        ITransformer model;
        DataViewSchema schema;
        using (var stream = File.OpenRead(modelZipPath))
        {
            model = ml.Model.Load(stream, out schema);
        }

        return new MlTextClassifier(ml, model, schema, ModelVersionOf(modelZipPath, name));
    }

    /// <summary><paramref name="name"/> + <c>-</c> + the first 12 hex digits of the SHA-256 of the model file.</summary>
    public static string ModelVersionOf(string modelZipPath, string name)
    {
        using var stream = File.OpenRead(modelZipPath);
        return name + "-" + Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }
}
