using System.Text.Json.Nodes;

namespace Monitor.Index.Tests.Support;

/// <summary>A plain all-created <c>_bulk</c> answer for the actions of a recorded request (our own, not a fixture).</summary>
public static class BulkAnswers
{
    public static string AllCreated(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var items = new JsonArray();
        foreach (var action in Actions(request))
        {
            var (name, meta) = action;
            items.Add(new JsonObject { [name] = new JsonObject { ["_index"] = meta["_index"]?.GetValue<string>(), ["_id"] = meta["_id"]?.GetValue<string>(), ["status"] = 201, ["result"] = "created" } });
        }

        return new JsonObject { ["took"] = 1, ["errors"] = false, ["items"] = items }.ToJsonString();
    }

    /// <summary>The action lines of an NDJSON bulk body: (create|index|delete, its metadata).</summary>
    public static List<(string Name, JsonObject Meta)> Actions(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actions = new List<(string, JsonObject)>();
        var lines = request.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = JsonNode.Parse(lines[i])!.AsObject();
            var (name, meta) = line.Single();
            actions.Add((name, meta!.AsObject()));
            if (name != "delete")
            {
                i++;
            }
        }

        return actions;
    }
}
