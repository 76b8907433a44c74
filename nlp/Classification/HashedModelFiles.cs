using Microsoft.ML;

namespace Monitor.Nlp.Classification;

/// <summary>
/// A model on <see cref="HashedFeatureSpace"/> features is two files in one folder: ML.NET's <c>model.zip</c> (the
/// trained linear model) and our <c>features.bin</c> (the featurizer's slot weights). Loading finds the second beside
/// the first; a <c>model.zip</c> without it is a model whose featurizer is inside ML.NET's pipeline.
/// </summary>
internal static class HashedModelFiles
{
    public static string FeaturesPathBeside(string modelZipPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelZipPath))!, HashedFeatureSpace.FileName);

    public static bool HasFeatures(string modelZipPath) => File.Exists(FeaturesPathBeside(modelZipPath));

    public static void Save(MLContext ml, ITransformer model, HashedFeatureSpace features, string modelZipPath)
    {
        var schema = FeatureRow.Load(ml, [], features.Dimension).Schema;
        ml.Model.Save(model, schema, modelZipPath);
        features.Save(FeaturesPathBeside(modelZipPath));
    }

    public static (MLContext Ml, ITransformer Model, DataViewSchema InputSchema, HashedFeatureSpace Features) Load(string modelZipPath)
    {
        var ml = new MLContext(seed: 1);
        ITransformer model;
        DataViewSchema schema;
        using (var stream = File.OpenRead(modelZipPath))
        {
            model = ml.Model.Load(stream, out schema);
        }

        var features = HashedFeatureSpace.Load(FeaturesPathBeside(modelZipPath));
        return (ml, model, schema, features);
    }
}
