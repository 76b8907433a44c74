using Microsoft.ML;
using Microsoft.ML.Data;

namespace Monitor.Nlp.Classification;

/// <summary>
/// The ML.NET input row of the models on <see cref="HashedFeatureSpace"/> features: the label (<see cref="Positive"/>
/// for binary tasks, <see cref="Label"/> for multiclass ones), the feature vector and the row weight.
/// </summary>
internal sealed class FeatureRow
{
    public bool Positive { get; set; }

    public string Label { get; set; } = string.Empty;

    public VBuffer<float> Features { get; set; }

    public float Weight { get; set; } = 1f;

    /// <summary>The schema of the rows: <see cref="Features"/> is a vector of the feature space's fixed length.</summary>
    public static SchemaDefinition Schema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    public static IDataView Load(MLContext ml, IEnumerable<FeatureRow> rows, int dimension) =>
        ml.Data.LoadFromEnumerable(rows, Schema(dimension));
}
