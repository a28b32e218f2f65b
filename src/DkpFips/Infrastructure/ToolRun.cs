using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using DkpFips.Core.AzureDevOps;
using DkpFips.Core.Process;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// The cmdlet side of <see cref="ToolRunner"/>: where a tool's logs go, the options of its
    /// run, and events turned into streams only while the pipeline is not stopping.
    /// </summary>
    public abstract partial class DkpFipsCmdlet
    {
        /// <summary>-LogDirectory resolved like any PowerShell path; default a DkpFips/logs folder under the temp folder.</summary>
        private protected string LogFolder(string? logDirectory) => logDirectory is null
            ? Path.Combine(Path.GetTempPath(), "DkpFips", "logs")
            : SessionState.Path.GetUnresolvedProviderPathFromPSPath(logDirectory);

        /// <summary>The time stamp in the names of one invocation's log files.</summary>
        private protected static string LogStamp() => DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A run's options: -TimeoutSec (0 for no limit), its working folder (default the current location) and log file.</summary>
        private protected ProcessRunOptions RunOptions(int timeoutSec, string logPath, string? workingDirectory = null) => new ProcessRunOptions
        {
            Timeout = timeoutSec > 0 ? TimeSpan.FromSeconds(timeoutSec) : (TimeSpan?)null,
            WorkingDirectory = workingDirectory ?? SessionState.Path.CurrentFileSystemLocation.ProviderPath,
            LogPath = logPath,
        };

        /// <summary>A tool's environment with AWS credentials (never its arguments, where any process listing would show them); empty without.</summary>
        private protected static Dictionary<string, string> AwsEnvironment(PSCredential? credential)
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            if (credential is not null && credential != PSCredential.Empty)
            {
                environment["AWS_ACCESS_KEY_ID"] = credential.UserName;
                environment["AWS_SECRET_ACCESS_KEY"] = credential.GetNetworkCredential().Password;
            }

            return environment;
        }

        /// <summary>A credential's password in clear text, for a tool that needs it (its plan masks it); null without a credential.</summary>
        private protected static string? Password(PSCredential? credential) =>
            credential is null || credential == PSCredential.Empty ? null : credential.GetNetworkCredential().Password;

        /// <summary>On an Azure Pipelines agent, a run's log file as one collapsible group of the task log.</summary>
        private protected void WriteAgentLogGroup(string title, string? logPath)
        {
            WriteAgentLine(AzureDevOpsLog.BeginGroup(title));
            if (logPath is not null && File.Exists(logPath))
            {
                foreach (var line in File.ReadAllLines(logPath))
                {
                    WriteAgentLine(AzureDevOpsLog.Neutralize(line));
                }
            }

            WriteAgentLine(AzureDevOpsLog.EndGroup);
        }

        /// <summary>Runs a batch; <paramref name="report"/> turns each event into streams, and is not called once the pipeline is stopping.</summary>
        private protected void RunTools(IReadOnlyList<BatchItem> items, int throttleLimit, Action<BatchEvent> report, Action<BatchItem, ProcessRunResult>? onFinished = null) =>
            ToolRunner.Run(items, throttleLimit, CancellationToken, e =>
            {
                if (!Stopping)
                {
                    report(e);
                }
            }, onFinished);

        /// <summary>Runs a batch as one progress activity (id and activity of its records), marked completed when the batch ends unless the pipeline is stopping.</summary>
        private protected void RunTools(IReadOnlyList<BatchItem> items, int throttleLimit, (int Id, string Activity) progress, Action<BatchEvent> report, Action<BatchItem, ProcessRunResult>? onFinished = null)
        {
            try
            {
                RunTools(items, throttleLimit, report, onFinished);
            }
            finally
            {
                CompleteProgress(progress);
            }
        }

        /// <summary>Runs one command as one progress activity, like the batch form; returns how it ended.</summary>
        private protected ProcessRunResult RunTool(BatchItem item, (int Id, string Activity) progress, Action<BatchEvent> report)
        {
            try
            {
                return RunTool(item, report);
            }
            finally
            {
                CompleteProgress(progress);
            }
        }

        private void CompleteProgress((int Id, string Activity) progress)
        {
            if (!Stopping)
            {
                WriteProgress(new ProgressRecord(progress.Id, progress.Activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>Runs one command and returns how it ended; a stopped pipeline stops it and ends the command.</summary>
        private protected ProcessRunResult RunTool(BatchItem item, Action<BatchEvent> report)
        {
            var result = ToolRunner.RunOne(item, CancellationToken, e =>
            {
                if (!Stopping)
                {
                    report(e);
                }
            });
            if (Stopping)
            {
                throw new PipelineStoppedException();
            }

            return result;
        }
    }
}
