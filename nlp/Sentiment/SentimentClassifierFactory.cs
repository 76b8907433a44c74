using System.Security.Cryptography;
using Microsoft.ML;
using Monitor.Nlp.Classification;

namespace Monitor.Nlp.Sentiment;

/// <summary>Loads a trained sentiment model for tools that do not use dependency injection.</summary>
public static class SentimentClassifierFactory
{
    /// <summary>Loads <paramref name="modelZipPath"/>; the returned classifier is safe to share across threads.</summary>
    public static ISentimentClassifier Load(string modelZipPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelZipPath);
        if (!File.Exists(modelZipPath))
        {
            throw new FileNotFoundException(
                $"Sentiment model not found at '{Path.GetFullPath(modelZipPath)}'; train it with `./monitor train sentiment --data ../shared/data`.",
                modelZipPath);
        }

        if (HashedModelFiles.HasFeatures(modelZipPath))
        {
            var (hashedMl, hashedModel, _, features) = HashedModelFiles.Load(modelZipPath);
            return new HashedSentimentClassifier(hashedMl, hashedModel, features, ModelVersionOf(modelZipPath));
        }

        var ml = new MLContext(seed: 1);
        ITransformer model;
        using (var stream = File.OpenRead(modelZipPath))
        {
            model = ml.Model.Load(stream, out _);
        }

        return new MlSentimentClassifier(ml, model, ModelVersionOf(modelZipPath));
    }

    /// <summary><c>sentiment-</c> + the first 12 hex digits of the SHA-256 of the model file.</summary>
    public static string ModelVersionOf(string modelZipPath)
    {
        using var stream = File.OpenRead(modelZipPath);
        var hash = SHA256.HashData(stream);
        return "sentiment-" + Convert.ToHexStringLower(hash)[..12];
    }
}
