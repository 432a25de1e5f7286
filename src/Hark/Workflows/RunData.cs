using Hark.Data;
using Hark.Data.Sources;
using Hark.Training.Configuration;

namespace Hark.Workflows;

/// <summary>Opens a run's data source as its configuration says (class order, group column, bad-row policy).</summary>
public static class RunData
{
    public static Dataset Open(DataConfig config, LabelSpace? labels = null)
    {
        var options = new DataSourceOptions
        {
            Labels = labels ?? (config.ClassOrder is null ? null : LabelSpace.FromSampleSubmission(config.ClassOrder)),
            GroupColumn = config.GroupColumn,
            DataRoot = config.Root,
            OnProblem = config.BadInputPolicy,
        };
        return DataSource.Open(config.Source, options);
    }
}
