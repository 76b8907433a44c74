using System.Globalization;

namespace Monitor.Nlp.Classification;

/// <summary>One combination of the settings tried by <see cref="HashedMulticlassTraining"/>.</summary>
internal sealed record TrainingSetting(float L2, double Balance, bool SelfTrain)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"LbfgsMaximumEntropy(L1=0, L2={L2}), class weights (largest/size)^{Balance}{(SelfTrain ? ", self-training" : string.Empty)}");
}
