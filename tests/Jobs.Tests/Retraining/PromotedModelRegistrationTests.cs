using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Jobs.Pipeline;
using Monitor.Jobs.Retraining;
using Monitor.Jobs.Tests.Support;
using Monitor.Nlp;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.Topics;

namespace Monitor.Jobs.Tests.Retraining;

/// <summary>The pipeline's emotion and topic models come from the promoted version when there is one, else from Nlp:ModelsPath.</summary>
public sealed class PromotedModelRegistrationTests : IDisposable
{
    private readonly TestStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void PromotedVersionReplacesTheDeployedModelAndTheOtherTaskKeepsItsOwn()
    {
        var deployed = Path.Combine(Models.RepoRoot, "models");
        var version = Path.Combine(_store.Directory, "models", "emotion", "20261122T193000Z");
        Directory.CreateDirectory(version);
        // Any other model file will do: what matters is which file is loaded (the version is the file's hash).
        File.Copy(Path.Combine(deployed, "topic", "model.zip"), Path.Combine(version, "model.zip"));
        // The topic model is two files: ML.NET's model.zip and our featurizer's features.bin beside it.
        File.Copy(Path.Combine(deployed, "topic", "features.bin"), Path.Combine(version, "features.bin"));
        new RetrainingState("20261122T193000Z", 42).Write(Path.Combine(_store.Directory, "models", "emotion", "state.json"));

        using var services = Build(deployed);

        var emotion = services.GetRequiredService<IEmotionClassifier>();
        Assert.Equal(TextClassifierFactory.ModelVersionOf(Path.Combine(version, "model.zip"), "emotion"), emotion.ModelVersion);
        Assert.NotEqual(TextClassifierFactory.ModelVersionOf(Path.Combine(deployed, "emotion", "model.zip"), "emotion"), emotion.ModelVersion);
        Assert.Equal(TextClassifierFactory.ModelVersionOf(Path.Combine(deployed, "topic", "model.zip"), "topic"), services.GetRequiredService<ITopicClassifier>().ModelVersion);
    }

    [Fact]
    public void WithoutAPromotionTheDeployedModelIsUsed()
    {
        var deployed = Path.Combine(Models.RepoRoot, "models");

        using var services = Build(deployed);

        Assert.Equal(TextClassifierFactory.ModelVersionOf(Path.Combine(deployed, "emotion", "model.zip"), "emotion"), services.GetRequiredService<IEmotionClassifier>().ModelVersion);
        // The deployed sentiment, emotion and topic models are all on our hashed features: the pipeline featurizes a message once for the three.
        Assert.True(services.GetRequiredService<MessageUnderstanding>().SharesFeaturization);
    }

    private ServiceProvider Build(string deployed)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitor:DataDirectory"] = _store.Directory,
            ["Nlp:ModelsPath"] = deployed,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(_store.Store);
        services.AddNlp(configuration);
        services.AddJobs(configuration, runInBackground: false);
        return services.BuildServiceProvider();
    }
}
